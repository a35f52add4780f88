import type { JSX } from 'react';

export type ConsentsScreenProps = { onBack(): void };

/** Placeholder until the privacy-centre work fills it in. */
export function ConsentsScreen({ onBack }: ConsentsScreenProps): JSX.Element {
  return (
    <div className="back-row">
      <button type="button" className="button button-secondary" onClick={onBack}>
        ‹
      </button>
    </div>
  );
}
