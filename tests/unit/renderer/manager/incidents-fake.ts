/**
 * The `consoleIncidents` domain of the fake `window.kiot`: a small register kept like the hub
 * keeps it (deadline = detection + 72 h, overdue, links by phone, one notice per resident and
 * channel, `wrong_state` once closed). Residents are found by the phones in `residents`.
 */
import type { ChannelName } from '../../../../shared/channels';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { Incident, IncidentDetail, IncidentDrafts, IncidentResident } from '../../../../shared/incidents';
import { isOverdue, notifyDeadline } from '../../../../shared/incidents';
import type { Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export type FakeIncidentResident = { residentId: string; phone: string; name: string; unitLabel: string; email: string | null };

export type FakeConsoleIncidentsOptions = {
  incidents?: IncidentDetail[];
  /** Residents that `consoleIncidents:link` can find by id or by phone (as typed, e.g. `0901234567`). */
  residents?: FakeIncidentResident[];
  /** "Now" for deadlines; real time by default. */
  now?: () => Date;
  staffName?: string;
};

/** An incident as the hub answers it, detected at `detectedAt`. */
export function fakeIncident(partial: Partial<Incident> & Pick<Incident, 'id' | 'title' | 'detectedAt'>): Incident {
  return {
    buildingId: 'b-1',
    description: 'Bảng tính danh sách cư dân bị gửi nhầm.',
    registeredAt: partial.detectedAt,
    categories: ['contact'],
    estimatedAffected: 10,
    status: 'open',
    deadlineAt: notifyDeadline(partial.detectedAt),
    overdue: false,
    authorityNotifiedAt: null,
    authorityNotifiedBy: null,
    authorityReference: null,
    closedAt: null,
    createdBy: 'Phạm Thị Lan',
    linkedResidents: 0,
    notifiedResidents: 0,
    ...partial,
  };
}

const drafts = (incident: Incident): IncidentDrafts => ({
  authority: {
    vi: { subject: `Thông báo ${incident.id}`, text: 'Kính gửi: Cơ quan chuyên trách bảo vệ dữ liệu cá nhân' },
    en: { subject: `Notification ${incident.id}`, text: 'To: the competent authority for personal data protection' },
  },
  residentSms: { vi: `Sự cố dữ liệu ${incident.id}: vui lòng liên hệ Ban quản lý.`, en: `Data incident ${incident.id}: please contact the office.` },
  residentMail: {
    vi: { subject: `Thông báo sự cố ${incident.id}`, text: 'Kính gửi quý cư dân, ...' },
    en: { subject: `Incident notice ${incident.id}`, text: 'Dear resident, ...' },
  },
});

export function createFakeConsoleIncidents(handle: Handle, options: FakeConsoleIncidentsOptions = {}): KiotApi['consoleIncidents'] {
  const now = options.now ?? (() => new Date());
  const staff = options.staffName ?? 'Phạm Thị Lan';
  const store = new Map<string, IncidentDetail>((options.incidents ?? []).map((d) => [d.incident.id, structuredClone(d)]));
  let next = store.size + 1;
  const refresh = (d: IncidentDetail): IncidentDetail => ({
    ...d,
    incident: {
      ...d.incident,
      overdue: isOverdue(d.incident, now()),
      linkedResidents: d.residents.length,
      notifiedResidents: d.residents.filter((r) => r.notices.length > 0).length,
    },
  });
  const find = (id: string): Result<IncidentDetail> => {
    const d = store.get(id);
    return d ? { ok: true, value: refresh(d) } : { ok: false, error: { code: 'not_found', message: 'No such incident' } };
  };
  const change = (id: string, apply: (d: IncidentDetail) => IncidentDetail): Result<IncidentDetail> => {
    const found = find(id);
    if (!found.ok) return found;
    if (found.value.incident.status === 'closed') return { ok: false, error: { code: 'wrong_state', message: 'closed' } };
    const updated = refresh(apply(found.value));
    store.set(id, updated);
    return { ok: true, value: updated };
  };
  return {
    list: (request) =>
      handle('consoleIncidents:list', request, () => {
        const all = [...store.values()].map(refresh).map((d) => d.incident);
        return { ok: true, value: { incidents: all, total: all.length } };
      }),
    get: (request) => handle('consoleIncidents:get', request, () => find(request.incidentId)),
    register: (request) =>
      handle('consoleIncidents:register', request, () => {
        const id = `inc-${next++}`;
        const at = now().toISOString();
        const detail: IncidentDetail = {
          incident: fakeIncident({ id, title: request.title, description: request.description, detectedAt: request.detectedAt, registeredAt: at, categories: request.categories, estimatedAffected: request.estimatedAffected, createdBy: staff }),
          residents: [],
          timeline: [
            { at: request.detectedAt, kind: 'detected', by: null, count: null, channel: null },
            { at, kind: 'registered', by: staff, count: null, channel: null },
          ],
        };
        store.set(id, detail);
        return { ok: true, value: refresh(detail) };
      }),
    link: (request) =>
      handle('consoleIncidents:link', request, () => {
        const phones = request.phones ?? [];
        const ids = request.residentIds ?? [];
        const known = options.residents ?? [];
        const notFound = [...ids.filter((id) => !known.some((r) => r.residentId === id)), ...phones.filter((p) => !known.some((r) => r.phone === p))];
        let linked = 0;
        let already = 0;
        const result = change(request.incidentId, (d) => {
          const residents: IncidentResident[] = [...d.residents];
          for (const r of known.filter((k) => phones.includes(k.phone) || ids.includes(k.residentId))) {
            if (residents.some((x) => x.residentId === r.residentId)) already += 1;
            else {
              linked += 1;
              residents.push({ residentId: r.residentId, name: r.name, unitLabel: r.unitLabel, phoneMasked: `${r.phone.slice(0, 2)}•• ••• ${r.phone.slice(-3)}`, hasEmail: r.email !== null, linkedAt: now().toISOString(), notices: [] });
            }
          }
          return { ...d, residents };
        });
        return result.ok ? { ok: true, value: { detail: result.value, linked, alreadyLinked: already, notFound } } : result;
      }),
    drafts: (request) =>
      handle('consoleIncidents:drafts', request, () => {
        const found = find(request.incidentId);
        return found.ok ? { ok: true, value: drafts(found.value.incident) } : found;
      }),
    notify: (request) =>
      handle('consoleIncidents:notify', request, () => {
        const channel = request.notice.channel;
        let sent = 0;
        let already = 0;
        let noAddress = 0;
        const at = now().toISOString();
        const result = change(request.incidentId, (d) => ({
          ...d,
          residents: d.residents.map((r) => {
            if (r.notices.some((n) => n.channel === channel)) {
              already += 1;
              return r;
            }
            if (channel === 'email' && !r.hasEmail) {
              noAddress += 1;
              return r;
            }
            sent += 1;
            return { ...r, notices: [...r.notices, { channel, sentAt: at, sentBy: staff }] };
          }),
        }));
        return result.ok ? { ok: true, value: { channel, sent, alreadyNotified: already, noAddress, failed: 0, detail: result.value } } : result;
      }),
    authorityNotified: (request) =>
      handle('consoleIncidents:authorityNotified', request, () =>
        change(request.incidentId, (d) => ({
          ...d,
          incident: { ...d.incident, status: 'notified', authorityNotifiedAt: request.details.notifiedAt ?? now().toISOString(), authorityNotifiedBy: staff, authorityReference: request.details.reference ?? null },
        })),
      ),
    close: (request) =>
      handle('consoleIncidents:close', request, () =>
        change(request.incidentId, (d) => ({ ...d, incident: { ...d.incident, status: 'closed', closedAt: now().toISOString() } })),
      ),
  };
}
