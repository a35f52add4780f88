import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { SessionView } from '../../../shared/contract';
import type { BuildingAnnouncement, BuildingPublic } from '../../../shared/contract/building';
import { formatLocalDate, vietnamDate, vietnamTime, vietnamWeekday } from '../../../shared/dates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { LanguageToggle } from '../../components/LanguageToggle';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import type { MessageKey } from '../../i18n/i18n';
import { otherLocale } from '../../i18n/i18n';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { PolicyScreen } from '../policy/PolicyScreen';

/** How long each announcement stays before the next one. */
export const ANNOUNCEMENT_ROTATE_MS = 8_000;

const weekdayKeys: readonly MessageKey[] = [
  'attract:weekday.sun',
  'attract:weekday.mon',
  'attract:weekday.tue',
  'attract:weekday.wed',
  'attract:weekday.thu',
  'attract:weekday.fri',
  'attract:weekday.sat',
];

export type AttractScreenProps = {
  buildingName: string;
  /** What the kiosk holds of the building (null until first read). */
  building: BuildingPublic | null;
  /** The last session was ended by the kiosk (idle, time limit), not by the resident. */
  sessionEnded: boolean;
  onView(view: SessionView): void;
};

function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // Every second, so the minute turns over on time; only the text changes.
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function Clock(): JSX.Element {
  const t = useT();
  const iso = useNow().toISOString();
  const time = vietnamTime(iso);
  const date = formatLocalDate(vietnamDate(new Date(iso)));
  const weekday = t(weekdayKeys[vietnamWeekday(iso)]!);
  return (
    <div className="attract-clock" data-testid="attract-clock" role="timer" aria-label={t('attract:clock', { time, weekday, date })}>
      <span className="attract-time" aria-hidden="true" data-testid="attract-time">
        {time}
      </span>
      <span className="attract-date" aria-hidden="true" data-testid="attract-date">
        {weekday}, {date}
      </span>
    </div>
  );
}

/** One announcement at a time, the next every 8 s; dots to choose; a touch pauses. No automatic change when reduced motion is asked for. */
function Announcements({ items }: { items: BuildingAnnouncement[] }): JSX.Element | null {
  const t = useT();
  const { locale } = useLocale();
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(prefersReducedMotion);
  const count = items.length;
  useEffect(() => {
    if (paused || count < 2) return undefined;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), ANNOUNCEMENT_ROTATE_MS);
    return () => clearInterval(timer);
  }, [paused, count]);
  if (count === 0) return null;
  const shown = items[index % count]!;
  return (
    <section className="attract-news" aria-labelledby="attract-news-title" data-testid="attract-news">
      <h2 id="attract-news-title" className="attract-news-heading">
        {t('attract:announcements.title')}
      </h2>
      <article className="attract-news-item" data-testid="attract-announcement" aria-live={paused ? 'polite' : 'off'} onClick={() => setPaused(true)}>
        <h3 className="attract-news-title">{shown.title[locale]}</h3>
        <p className="attract-news-body">{shown.body[locale]}</p>
        <p className="attract-news-date">{t('attract:announcements.published', { date: formatLocalDate(vietnamDate(new Date(shown.publishedAt))) })}</p>
      </article>
      {count > 1 ? (
        <div className="attract-news-controls">
          <button
            type="button"
            className="attract-news-pause"
            data-testid="attract-news-pause"
            aria-pressed={paused}
            onClick={() => setPaused((p) => !p)}
          >
            <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span>
            <span className="visually-hidden">{paused ? t('attract:announcements.resume') : t('attract:announcements.pause')}</span>
          </button>
          {items.map((item, i) => (
            <button
              key={item.id}
              type="button"
              className={i === index % count ? 'attract-dot attract-dot-current' : 'attract-dot'}
              aria-current={i === index % count}
              aria-label={t('attract:announcements.show', { n: i + 1, count })}
              data-testid={`attract-dot-${i}`}
              onClick={() => {
                setIndex(i);
                setPaused(true);
              }}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}

export function AttractScreen({ buildingName, building, sessionEnded, onView }: AttractScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { locale } = useLocale();
  const other = otherLocale(locale);
  const { busy, failure, run } = useAction(resync);
  // Anyone may read the privacy policy before deciding to sign in; it holds nobody's data.
  const [readingPolicy, setReadingPolicy] = useState(false);

  const start = async (): Promise<void> => {
    const result = await run(() => api.session.start({}), () => void start());
    if (result?.ok) onView(result.value);
  };

  if (readingPolicy) {
    return (
      <section className="screen screen-public-policy">
        {/* The bottom bar has no language choice before sign-in, so the policy carries its own. */}
        <LanguageToggle className="public-policy-lang" />
        <PolicyScreen onBack={() => setReadingPolicy(false)} />
      </section>
    );
  }

  const name = building?.name || buildingName;
  return (
    <section className="screen screen-attract" aria-labelledby="attract-title">
      <div className="attract-head">
        <p className="attract-welcome">{t('attract:welcome')}</p>
        <h1 id="attract-title" className="attract-building" data-testid="attract-building">
          {name}
        </h1>
        <Clock />
      </div>
      <Announcements items={building?.announcements ?? []} />
      <div className="attract-actions">
        <p className="attract-hint">{t('attract:hint')}</p>
        <button type="button" className="attract-start" data-testid="attract-start" disabled={busy} onClick={() => void start()}>
          <span className="attract-start-icon" aria-hidden="true">
            ☝
          </span>
          <span className="attract-start-main">{t('attract:start')}</span>
          {/* The invitation in the other language too, for a resident who does not read this one. */}
          <span className="attract-start-other" lang={other}>
            {t('attract:start', { lng: other })}
          </span>
        </button>
        {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
        {sessionEnded && !failure ? <p className="attract-notice">{t('attract:sessionEnded')}</p> : null}
        <LanguageToggle className="attract-lang" />
        <div className="attract-footer">
          <button type="button" className="button button-secondary attract-policy" data-testid="attract-policy" onClick={() => setReadingPolicy(true)}>
            {t('attract:policy')}
          </button>
          {building?.hotline ? <p className="attract-office">{t('attract:office', { phone: building.hotline })}</p> : null}
        </div>
      </div>
    </section>
  );
}
