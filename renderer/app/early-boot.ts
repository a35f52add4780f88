import { prefetchBoot, windowKiot } from './boot';

/**
 * The start-up calls, sent as this module is evaluated. main.tsx imports it before React and
 * the screens, so the answers travel while the rest of the entry script is still evaluating.
 */
export const earlyBoot = prefetchBoot(windowKiot());
