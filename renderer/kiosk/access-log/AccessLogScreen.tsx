import type { JSX } from 'react';

export type AccessLogScreenProps = { onBack(): void };

/** Placeholder until the privacy-centre work fills it in. */
export function AccessLogScreen({ onBack }: AccessLogScreenProps): JSX.Element {
  return (
    <div className="back-row">
      <button type="button" className="button button-secondary" onClick={onBack}>
        ‹
      </button>
    </div>
  );
}
