import type { JSX } from 'react';
import type { ResidentLocation } from '../../app/kiosk-location';
import { useT } from '../../i18n/I18nProvider';

export type PrivacyMenuProps = {
  onGo(to: ResidentLocation): void;
};

type Entry = { screen: 'profile' | 'consents' | 'policy' | 'accessLog'; label: 'profile' | 'consents' | 'policy' | 'accessLog'; hint: 'profileHint' | 'consentsHint' | 'policyHint' | 'accessLogHint' };

const entries: readonly Entry[] = [
  { screen: 'profile', label: 'profile', hint: 'profileHint' },
  { screen: 'consents', label: 'consents', hint: 'consentsHint' },
  { screen: 'policy', label: 'policy', hint: 'policyHint' },
  { screen: 'accessLog', label: 'accessLog', hint: 'accessLogHint' },
];

/** The privacy centre: one large tile per thing the policy lets a resident see or do. */
export function PrivacyMenu({ onGo }: PrivacyMenuProps): JSX.Element {
  const t = useT();
  return (
    <div className="privacy-menu">
      <h2 className="section-title">{t('privacy:title')}</h2>
      <p className="info-text">{t('privacy:intro')}</p>
      <ul className="menu-tiles">
        {entries.map((entry) => (
          <li key={entry.screen}>
            <button type="button" className="menu-tile" data-testid={`privacy-${entry.screen}`} onClick={() => onGo({ screen: entry.screen })}>
              <span className="menu-tile-label">{t(`privacy:menu.${entry.label}`)}</span>
              <span className="menu-tile-hint">{t(`privacy:menu.${entry.hint}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
