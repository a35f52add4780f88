/** Namespace `accessLog`. */
export const accessLog = {
  title: '',
} as const;
