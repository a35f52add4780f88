/** Namespace `profile`. */
export const profile = {
  title: '',
} as const;
