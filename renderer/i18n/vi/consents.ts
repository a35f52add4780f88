/** Namespace `consents`. */
export const consents = {
  title: '',
} as const;
