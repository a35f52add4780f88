import type { JSX } from 'react';
import { useT } from '../i18n/I18nProvider';

/** The "‹ Quay lại / Back" button of a kiosk screen, in its row at the top left; `label` when it goes somewhere more particular. */
export function BackRow({ testId, onBack, label }: { testId: string; onBack: () => void; label?: string }): JSX.Element {
  const t = useT();
  return (
    <div className="back-row">
      <button type="button" className="button button-secondary" data-testid={testId} onClick={onBack}>
        <span aria-hidden="true">‹</span> {label ?? t('common:back')}
      </button>
    </div>
  );
}
