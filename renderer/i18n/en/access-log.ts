import type { Translation } from '../resources';
import type { accessLog as vi } from '../vi/access-log';

export const accessLog: Translation<typeof vi> = {
  title: '',
};
