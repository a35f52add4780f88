/** Namespace `keyboard`. */
export const keyboard = {
  title: '',
} as const;
