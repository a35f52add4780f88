/**
 * The unit project's setup file (vitest.config.ts): @testing-library/jest-dom's matchers for the
 * renderer tests (`toBeVisible()`, `toHaveTextContent()`, `toBeDisabled()`…). A `getBy…` query
 * only proves that a node exists; these say what a person at the screen would notice.
 */
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// `findBy…` and `waitFor` wait up to 5 s instead of 1 s: a debounced search or a lazy chunk on a
// busy two-core machine can take longer than a second to appear, which is not what they test.
configure({ asyncUtilTimeout: 5_000 });
