import type { JSX } from 'react';

export type PolicyScreenProps = { onBack(): void };

/** Placeholder until the privacy-centre work fills it in. */
export function PolicyScreen({ onBack }: PolicyScreenProps): JSX.Element {
  return (
    <div className="back-row">
      <button type="button" className="button button-secondary" onClick={onBack}>
        ‹
      </button>
    </div>
  );
}
