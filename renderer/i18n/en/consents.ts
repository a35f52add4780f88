import type { Translation } from '../resources';
import type { consents as vi } from '../vi/consents';

export const consents: Translation<typeof vi> = {
  title: '',
};
