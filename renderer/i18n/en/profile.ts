import type { Translation } from '../resources';
import type { profile as vi } from '../vi/profile';

export const profile: Translation<typeof vi> = {
  title: '',
};
