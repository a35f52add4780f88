import type { JSX } from 'react';
import { formatLocalDate, vietnamDate, vietnamTime } from '../../../shared/dates';
import type { Locale } from '../../../shared/domain';
import type { EmergencyBroadcast } from '../../../shared/hub-api/broadcasts';
import { useT } from '../../i18n/I18nProvider';

const ORDER: readonly Locale[] = ['vi', 'en'];

/**
 * The building's emergency notice over everything, in both languages whatever the kiosk's
 * language: nothing on it can be tapped away. It leaves when the console ends it.
 */
export function EmergencyTakeover({ broadcast }: { broadcast: EmergencyBroadcast }): JSX.Element {
  const t = useT();
  const time = vietnamTime(broadcast.startedAt);
  const date = formatLocalDate(vietnamDate(new Date(broadcast.startedAt)));
  return (
    <div className="emergency" role="alertdialog" aria-modal="true" aria-labelledby="emergency-title-vi" aria-describedby="emergency-body-vi" data-testid="emergency">
      {ORDER.map((lng) => (
        <section key={lng} className={`emergency-part emergency-${lng}`} lang={lng}>
          <p className="emergency-label">
            <span aria-hidden="true">⚠ </span>
            {t('attract:emergency.label', { lng })}
          </p>
          <h1 id={`emergency-title-${lng}`} className="emergency-title" data-testid={`emergency-title-${lng}`}>
            {broadcast.title[lng]}
          </h1>
          <p id={`emergency-body-${lng}`} className="emergency-body">
            {broadcast.body[lng]}
          </p>
          <p className="emergency-since">{t('attract:emergency.since', { lng, time, date })}</p>
        </section>
      ))}
    </div>
  );
}
