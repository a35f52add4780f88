import type { JSX } from 'react';
import type { ResidentLocation } from '../../app/kiosk-location';
import { useT } from '../../i18n/I18nProvider';
import { ScrollRegion } from '../../components/ScrollRegion';

export type PrivacyMenuProps = {
  onGo(to: ResidentLocation): void;
};

type Entry = { screen: 'profile' | 'consents' | 'policy' | 'accessLog' | 'requests' | 'deletion' | 'export'; label: string; hint: string };

/** The privacy centre: one large tile per thing the policy lets a resident see or do. */
export function PrivacyMenu({ onGo }: PrivacyMenuProps): JSX.Element {
  const t = useT();
  // Keys written out whole, so the i18n check can see each one is used.
  const entries: readonly Entry[] = [
    { screen: 'profile', label: t('privacy:menu.profile'), hint: t('privacy:menu.profileHint') },
    { screen: 'consents', label: t('privacy:menu.consents'), hint: t('privacy:menu.consentsHint') },
    { screen: 'policy', label: t('privacy:menu.policy'), hint: t('privacy:menu.policyHint') },
    { screen: 'accessLog', label: t('privacy:menu.accessLog'), hint: t('privacy:menu.accessLogHint') },
    { screen: 'requests', label: t('requests:menu.mine'), hint: t('requests:menu.mineHint') },
    { screen: 'export', label: t('requests:menu.export'), hint: t('requests:menu.exportHint') },
    { screen: 'deletion', label: t('requests:menu.deletion'), hint: t('requests:menu.deletionHint') },
  ];
  return (
    <div className="privacy-menu">
      <h2 className="section-title">{t('privacy:title')}</h2>
      <p className="info-text">{t('privacy:intro')}</p>
      {/* All seven tiles fit at every size today (styles.css); should a topic be added, the list scrolls by itself. */}
      <ScrollRegion label={t('privacy:menu.label')} className="privacy-menu-scroll">
        <ul className="menu-tiles">
          {entries.map((entry) => (
            <li key={entry.screen}>
              <button type="button" className="menu-tile" data-testid={`privacy-${entry.screen}`} onClick={() => onGo({ screen: entry.screen })}>
                <span className="menu-tile-label">{entry.label}</span>
                <span className="menu-tile-hint">{entry.hint}</span>
              </button>
            </li>
          ))}
        </ul>
      </ScrollRegion>
    </div>
  );
}
