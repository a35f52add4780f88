import type { Translation } from '../resources';
import type { keyboard as vi } from '../vi/keyboard';

export const keyboard: Translation<typeof vi> = {
  title: '',
};
