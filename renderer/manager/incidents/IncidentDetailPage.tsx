import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import type { IncidentDetail, IncidentDrafts, NoticeChannel } from '../../../shared/incidents';
import type { Locale } from '../../../shared/domain';
import { useQuery } from '@tanstack/react-query';
import { callOrThrow, toAppError } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import { useNow } from '../requests/use-now';
import { categoryKey, clockText, overdueNow, statusKey, timelineText } from './incident-text';
import { incidentsKey, useIncident, useIncidentChange, useIncidentDrafts } from './queries';
import { useStaffRole } from './use-staff-role';

/** One incident: its facts and live 72-hour clock, affected residents, notices, the authority's notice, closing, timeline. */
export function IncidentDetailPage(): JSX.Element {
  const t = useT();
  const { incidentId } = useParams({ from: '/incidents/$incidentId' });
  const query = useIncident(incidentId);
  const now = useNow(30_000);
  const role = useStaffRole();

  if (query.error) return <ErrorMessage error={toAppError(query.error)} onRetry={() => void query.refetch()} />;
  if (!query.data) return <p>{t('consoleIncidents:loading')}</p>;
  const { incident, residents, timeline } = query.data;
  const overdue = overdueNow(incident, now);
  // An auditor reads the register; only managers and administrators change it.
  const open = incident.status !== 'closed' && role !== 'auditor';

  return (
    <section className="console-page incident-detail" aria-labelledby="incident-title" data-testid="incident-detail">
      <Link to="/incidents" className="incident-back">
        ← {t('consoleIncidents:back')}
      </Link>
      <h1 id="incident-title" className="console-page-title">
        {incident.title}
      </h1>
      <div className={overdue ? 'incident-clock incident-clock-overdue' : 'incident-clock'} data-testid="incident-clock" role="status">
        {overdue ? (
          <span className="incident-overdue-icon" aria-hidden="true">
            ⚠
          </span>
        ) : null}
        <strong>{clockText(t, incident, now)}</strong>
        <span>
          {' · '}
          {t('consoleIncidents:column.deadline')}: {formatInstant(incident.deadlineAt)}
        </span>
        <span>
          {' · '}
          {t(statusKey[incident.status])}
        </span>
      </div>
      <p>
        <Link to="/incidents/$incidentId/report" params={{ incidentId }} data-testid="incident-report-link">
          {t('consoleIncidents:detail.report')}
        </Link>
      </p>

      <h2>{t('consoleIncidents:detail.facts')}</h2>
      <dl className="incident-facts">
        <dt>{t('consoleIncidents:form.description')}</dt>
        <dd className="incident-description">{incident.description}</dd>
        <dt>{t('consoleIncidents:column.detected')}</dt>
        <dd>{formatInstant(incident.detectedAt)}</dd>
        <dt>{t('consoleIncidents:form.categories')}</dt>
        <dd>{incident.categories.map((c) => t(categoryKey[c])).join(', ')}</dd>
        <dt>{t('consoleIncidents:form.estimated')}</dt>
        <dd>{incident.estimatedAffected}</dd>
        <dt />
        <dd>{t('consoleIncidents:detail.registeredBy', { name: incident.createdBy, at: formatInstant(incident.registeredAt) })}</dd>
        {incident.authorityNotifiedAt !== null ? (
          <>
            <dt />
            <dd data-testid="authority-notified">
              {t('consoleIncidents:detail.authorityAt', { at: formatInstant(incident.authorityNotifiedAt), name: incident.authorityNotifiedBy ?? '' })}
              {incident.authorityReference !== null ? ` — ${t('consoleIncidents:detail.reference', { reference: incident.authorityReference })}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t('consoleIncidents:detail.residents')}</h2>
      {residents.length === 0 ? (
        <p>{t('consoleIncidents:detail.noResidents')}</p>
      ) : (
        <table className="data-table" data-testid="incident-residents">
          <thead>
            <tr>
              <th scope="col">{t('consoleIncidents:detail.name')}</th>
              <th scope="col">{t('consoleIncidents:detail.unit')}</th>
              <th scope="col">{t('consoleIncidents:detail.phone')}</th>
              <th scope="col">{t('consoleIncidents:detail.notices')}</th>
            </tr>
          </thead>
          <tbody>
            {residents.map((r) => (
              <tr key={r.residentId} data-testid="incident-resident">
                <td>{r.name ?? t('consoleIncidents:detail.hidden')}</td>
                <td>{r.unitLabel ?? ''}</td>
                <td>{r.phoneMasked ?? ''}</td>
                <td>
                  {r.notices.length === 0
                    ? t('consoleIncidents:detail.noNotice')
                    : r.notices.map((n) => `${n.channel === 'sms' ? t('consoleIncidents:notice.sms') : t('consoleIncidents:notice.email')} ${formatInstant(n.sentAt)} (${n.sentBy})`).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? <LinkResidents incidentId={incidentId} /> : null}
      {open ? <Notices detail={query.data} /> : null}
      {open ? <CloseIncident incidentId={incidentId} /> : null}

      <h2>{t('consoleIncidents:timeline.title')}</h2>
      <ol className="incident-timeline" data-testid="incident-timeline">
        {timeline.map((entry, i) => (
          <li key={`${entry.kind}-${entry.at}-${i}`}>
            <time dateTime={entry.at}>{formatInstant(entry.at)}</time> {timelineText(t, entry)}
          </li>
        ))}
      </ol>
    </section>
  );
}

function LinkResidents({ incidentId }: { incidentId: string }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const [phones, setPhones] = useState('');
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const link = useIncidentChange(
    incidentId,
    (input: { phones?: string[]; residentIds?: string[] }) => api.consoleIncidents.link({ incidentId, ...input }),
    (o) => o.detail,
  );
  // The residents directory's own search (diacritics-insensitive, contacts masked); its results
  // stay in the query cache, which the console empties on lock.
  const search = useQuery({
    queryKey: [...incidentsKey, 'residentSearch', searched],
    queryFn: () => callOrThrow(() => api.consoleResidents.search({ q: searched ?? '', limit: 20 })),
    enabled: searched !== null && searched.length > 0,
  });
  const list = phones
    .split(/[\n,;]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return (
    <div className="incident-box">
      <h3>{t('consoleIncidents:link.title')}</h3>
      <form
        aria-label={t('consoleIncidents:link.search')}
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(q.trim());
        }}
      >
        <label className="form-field">
          <span>{t('consoleIncidents:link.search')}</span>
          <input type="search" data-testid="link-search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit" className="button button-secondary" data-testid="link-search-submit" disabled={q.trim().length === 0}>
          {t('consoleIncidents:link.find')}
        </button>
      </form>
      {search.error ? <ErrorMessage error={toAppError(search.error)} /> : null}
      {search.data ? (
        search.data.residents.length === 0 ? (
          <p data-testid="link-search-empty">{t('consoleIncidents:link.noMatch')}</p>
        ) : (
          <ul className="incident-search-results" data-testid="link-search-results">
            {search.data.residents.map((r) => (
              <li key={r.id}>
                <span>
                  {r.fullName} · {r.units.map((u) => u.label).join(', ')} · {r.phoneMasked}
                </span>{' '}
                <button type="button" className="button button-secondary" data-testid="link-search-add" disabled={link.isPending} onClick={() => link.mutate({ residentIds: [r.id] })}>
                  {t('consoleIncidents:link.submit')}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <form
        aria-label={t('consoleIncidents:link.phones')}
        onSubmit={(e) => {
          e.preventDefault();
          if (list.length > 0) link.mutate({ phones: list }, { onSuccess: () => setPhones('') });
        }}
      >
        <label className="form-field">
          <span>{t('consoleIncidents:link.phones')}</span>
          <textarea rows={3} data-testid="link-phones" value={phones} onChange={(e) => setPhones(e.target.value)} />
        </label>
        <button type="submit" className="button button-secondary" data-testid="link-submit" disabled={link.isPending || list.length === 0}>
          {t('consoleIncidents:link.submit')}
        </button>
      </form>
      {link.data ? (
        <p role="status" data-testid="link-result">
          {t('consoleIncidents:link.result', { linked: link.data.linked, already: link.data.alreadyLinked })}
          {link.data.notFound.length > 0 ? ` ${t('consoleIncidents:link.notFound', { list: link.data.notFound.join(', ') })}` : ''}
        </p>
      ) : null}
      {link.error ? <ErrorMessage error={toAppError(link.error)} /> : null}
    </div>
  );
}

function draftFor(drafts: IncidentDrafts, channel: NoticeChannel, language: Locale): { subject: string; text: string } {
  return channel === 'sms' ? { subject: '', text: drafts.residentSms[language] } : drafts.residentMail[language];
}

function Notices({ detail }: { detail: IncidentDetail }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const incidentId = detail.incident.id;
  const drafts = useIncidentDrafts(incidentId, true);
  const [channel, setChannel] = useState<NoticeChannel>('sms');
  const [language, setLanguage] = useState<Locale>('vi');
  // What the manager changed in each draft (by channel and language); untouched fields show the draft.
  const [edits, setEdits] = useState<Record<string, { subject?: string; text?: string }>>({});
  const [reference, setReference] = useState('');
  const key = `${channel}-${language}`;
  const draft = drafts.data ? draftFor(drafts.data, channel, language) : { subject: '', text: '' };
  const subject = edits[key]?.subject ?? draft.subject;
  const text = edits[key]?.text ?? draft.text;
  const edit = (field: 'subject' | 'text', value: string): void => setEdits((current) => ({ ...current, [key]: { ...current[key], [field]: value } }));
  const send = useIncidentChange(
    incidentId,
    () => api.consoleIncidents.notify({ incidentId, notice: channel === 'sms' ? { channel, text } : { channel, subject, text } }),
    (o) => o.detail,
  );
  const notified = useIncidentChange(
    incidentId,
    () => api.consoleIncidents.authorityNotified({ incidentId, details: reference.trim() === '' ? {} : { reference: reference.trim() } }),
    (o) => o,
  );
  if (drafts.error) return <ErrorMessage error={toAppError(drafts.error)} />;
  const authority = drafts.data?.authority[language];
  return (
    <>
      <form
        className="incident-box"
        aria-label={t('consoleIncidents:notice.title')}
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(undefined);
        }}
      >
        <h3>{t('consoleIncidents:notice.title')}</h3>
        <div className="incident-row-fields">
          <label className="form-field">
            <span>{t('consoleIncidents:notice.channel')}</span>
            <select data-testid="notice-channel" value={channel} onChange={(e) => setChannel(e.target.value === 'email' ? 'email' : 'sms')}>
              <option value="sms">{t('consoleIncidents:notice.sms')}</option>
              <option value="email">{t('consoleIncidents:notice.email')}</option>
            </select>
          </label>
          <label className="form-field">
            <span>{t('consoleIncidents:notice.language')}</span>
            <select data-testid="notice-language" value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'vi')}>
              <option value="vi">{t('consoleIncidents:notice.vi')}</option>
              <option value="en">{t('consoleIncidents:notice.en')}</option>
            </select>
          </label>
        </div>
        {channel === 'email' ? (
          <label className="form-field">
            <span>{t('consoleIncidents:notice.subject')}</span>
            <input type="text" data-testid="notice-subject" value={subject} onChange={(e) => edit('subject', e.target.value)} />
          </label>
        ) : null}
        <label className="form-field">
          <span>{t('consoleIncidents:notice.text')}</span>
          <textarea rows={channel === 'sms' ? 4 : 12} data-testid="notice-text" value={text} onChange={(e) => edit('text', e.target.value)} />
        </label>
        <button type="submit" className="button button-primary" data-testid="notice-send" disabled={send.isPending || text.trim().length === 0 || detail.residents.length === 0}>
          {t('consoleIncidents:notice.send')}
        </button>
        {send.data ? (
          <p role="status" data-testid="notice-result">
            {t('consoleIncidents:notice.result', { sent: send.data.sent, already: send.data.alreadyNotified, noAddress: send.data.noAddress, failed: send.data.failed })}
          </p>
        ) : null}
        {send.error ? <ErrorMessage error={toAppError(send.error)} /> : null}
      </form>

      {detail.incident.authorityNotifiedAt === null ? (
        <form
          className="incident-box"
          aria-label={t('consoleIncidents:authority.title')}
          onSubmit={(e) => {
            e.preventDefault();
            notified.mutate(undefined);
          }}
        >
          <h3>{t('consoleIncidents:authority.title')}</h3>
          {authority ? (
            <label className="form-field">
              <span>{t('consoleIncidents:authority.draft')}</span>
              <input type="text" readOnly value={authority.subject} data-testid="authority-subject" />
              <textarea rows={12} readOnly value={authority.text} data-testid="authority-text" />
            </label>
          ) : null}
          <label className="form-field">
            <span>{t('consoleIncidents:authority.reference')}</span>
            <input type="text" data-testid="authority-reference" value={reference} onChange={(e) => setReference(e.target.value)} />
          </label>
          <button type="submit" className="button button-primary" data-testid="authority-record" disabled={notified.isPending}>
            {t('consoleIncidents:authority.record')}
          </button>
          {notified.error ? <ErrorMessage error={toAppError(notified.error)} /> : null}
        </form>
      ) : null}
    </>
  );
}

function CloseIncident({ incidentId }: { incidentId: string }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const [reason, setReason] = useState('');
  const close = useIncidentChange(incidentId, () => api.consoleIncidents.close({ incidentId, reason: reason.trim() }), (o) => o);
  return (
    <form
      className="incident-box"
      aria-label={t('consoleIncidents:close.title')}
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate(undefined);
      }}
    >
      <h3>{t('consoleIncidents:close.title')}</h3>
      <label className="form-field">
        <span>{t('consoleIncidents:close.reason')}</span>
        <input type="text" data-testid="close-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="button button-secondary" data-testid="close-submit" disabled={close.isPending || reason.trim().length < 3}>
        {t('consoleIncidents:close.submit')}
      </button>
      {close.error ? <ErrorMessage error={toAppError(close.error)} /> : null}
    </form>
  );
}
