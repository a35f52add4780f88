import type { JSX } from 'react';
import { useT } from '../../i18n/I18nProvider';

export const CODE_LENGTH = 6;

/** Six boxes for the confirmation code; the next one to fill is highlighted. */
export function CodeBoxes({ code }: { code: string }): JSX.Element {
  const t = useT();
  const boxes = Array.from({ length: CODE_LENGTH }, (_, i) => code[i] ?? '');
  return (
    <div className="code-boxes" data-testid="code-display" role="status" aria-label={t('auth:code.displayLabel', { n: code.length })}>
      {boxes.map((digit, i) => (
        <span key={i} className={i === code.length ? 'code-box code-box-next' : 'code-box'} aria-hidden="true">
          {digit}
        </span>
      ))}
    </div>
  );
}
