import type { JSX } from 'react';
import { useT } from '../i18n/I18nProvider';

/**
 * The hub refused this device's own credential (revoked in the console). Unlike a failed start
 * this does not heal by retrying: it tells IT to enroll the device again, and residents to go
 * elsewhere.
 */
export function DeviceRevokedScreen(): JSX.Element {
  const t = useT();
  return (
    <section className="screen screen-center" aria-labelledby="revoked-title" data-testid="device-revoked" role="alert">
      <h1 id="revoked-title" className="screen-title">
        <span aria-hidden="true">⛔ </span>
        {t('common:revoked.title')}
      </h1>
      <p className="info-text">{t('common:revoked.body')}</p>
      <p className="screen-hint">{t('common:revoked.resident')}</p>
    </section>
  );
}
