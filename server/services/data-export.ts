/**
 * "Send me a copy of my data" (issue 8, item 4): everything the hub holds about one resident,
 * as JSON a program can read and a plain-text summary a person can (Vietnamese, then English).
 * Secrets never enter it (token hashes, code and phone HMACs), nor anything of another
 * resident of the same unit: every query is keyed by the resident, only bills by the unit.
 */
import type { AccessLogEntry } from '../../shared/audit';
import { formatInstant, formatLocalDate } from '../../shared/dates';
import { formatVnd } from '../../shared/money';
import type { HubDb } from '../db/connect';
import {
  getExportReceiptChannel,
  getExportResident,
  listDeviceNames,
  listExportBills,
  listExportCodeRequests,
  listExportConsentRecords,
  listExportContactChanges,
  listExportCorrections,
  listExportDataRequests,
  listExportRequestEvents,
  listExportSessions,
  listPolicyPurposes,
} from '../db/data-export';
import type { ExportBill, ExportCodeRequest, ExportContactChange, ExportCorrection, ExportDataRequest, ExportSession } from '../db/data-export';
import type { AuditService } from './audit';

/** Bumped when a field is renamed or removed, so a program reading old copies can tell. */
export const EXPORT_SCHEMA_VERSION = 1;
export const EXPORT_FILENAME = 'kiot-du-lieu-cua-toi.json';

export type ExportConsent = {
  id: string;
  purposeId: string;
  granted: boolean;
  policyVersion: number;
  channel: string;
  deviceId: string | null;
  byStaff: boolean;
  recordedAt: string;
};

export type ExportDocument = {
  schemaVersion: number;
  generatedAt: string;
  profile: {
    residentId: string;
    fullName: string;
    phone: string;
    email: string | null;
    contactAddress: string | null;
    createdAt: string;
    updatedAt: string;
    building: { id: string; name: string; address: string };
    units: { id: string; label: string; tower: string; floor: number; areaM2: number; motorbikes: number; cars: number }[];
  };
  consents: {
    /** The latest choice of each purpose. */
    current: ExportConsent[];
    /** Every change, oldest first: the evidence of what was chosen, when and where. */
    history: ExportConsent[];
    receiptChannel: string;
    /** The purposes as each policy version the history refers to described them. */
    policyVersions: { version: number; effectiveFrom: string; purposes: unknown }[];
  };
  accessLog: AccessLogEntry[];
  contactChanges: ExportContactChange[];
  corrections: ExportCorrection[];
  requests: (ExportDataRequest & { history: { at: string; action: string; actor: string; reason: string | null }[] })[];
  sessions: ExportSession[];
  codeRequests: ExportCodeRequest[];
  devices: { id: string; name: string; mode: string }[];
  bills: ExportBill[];
};

export type BuiltExport = { document: ExportDocument; json: string; summary: string };

export type DataExportService = {
  /** Undefined when the resident is no longer on the roster (erased). */
  build(residentId: string): Promise<BuiltExport | undefined>;
};

export type DataExportDeps = {
  db: HubDb;
  clock: () => Date;
  audit: Pick<AuditService, 'accessLog'>;
};

export function createDataExportService(deps: DataExportDeps): DataExportService {
  const { db, clock, audit } = deps;
  return {
    async build(residentId) {
      const resident = await getExportResident(db, residentId);
      if (!resident) return undefined;
      const [consentRows, receiptChannel, accessLog, contactChanges, corrections, requestRows, sessions, codeRequests, bills] = await Promise.all([
        listExportConsentRecords(db, residentId),
        getExportReceiptChannel(db, residentId),
        audit.accessLog(resident.building_id, residentId),
        listExportContactChanges(db, residentId),
        listExportCorrections(db, residentId),
        listExportDataRequests(db, residentId),
        listExportSessions(db, residentId),
        listExportCodeRequests(db, residentId),
        listExportBills(db, resident.unit_id),
      ]);
      const history: ExportConsent[] = consentRows.map((r) => ({
        id: r.id,
        purposeId: r.purpose_id,
        granted: r.granted === 1,
        policyVersion: r.policy_version,
        channel: r.channel,
        deviceId: r.device_id,
        byStaff: r.actor_kind === 'staff',
        recordedAt: r.recorded_at,
      }));
      const latest = new Map<string, ExportConsent>();
      for (const record of history) latest.set(record.purposeId, record);
      const versions = [...new Set(history.map((r) => r.policyVersion))];
      const [policies, events] = await Promise.all([listPolicyPurposes(db, versions), listExportRequestEvents(db, requestRows.map((r) => r.id))]);
      const deviceIds = new Set<string>();
      for (const row of [...history, ...contactChanges, ...corrections, ...requestRows, ...sessions, ...codeRequests]) {
        const id = 'deviceId' in row ? row.deviceId : row.device_id;
        if (id) deviceIds.add(id);
      }
      const devices = await listDeviceNames(db, [...deviceIds]);
      const document: ExportDocument = {
        schemaVersion: EXPORT_SCHEMA_VERSION,
        generatedAt: clock().toISOString(),
        profile: {
          residentId: resident.id,
          fullName: resident.full_name,
          phone: resident.phone_e164,
          email: resident.email,
          contactAddress: resident.contact_address,
          createdAt: resident.created_at,
          updatedAt: resident.updated_at,
          building: { id: resident.building_id, name: resident.building_name, address: resident.building_address },
          units: [
            {
              id: resident.unit_id,
              label: resident.unit_label,
              tower: resident.unit_tower,
              floor: resident.unit_floor,
              areaM2: resident.unit_area_m2,
              motorbikes: resident.unit_motorbikes,
              cars: resident.unit_cars,
            },
          ],
        },
        consents: {
          current: [...latest.values()].sort((a, b) => a.purposeId.localeCompare(b.purposeId)),
          history,
          // No row means the default, SMS (see consent_receipt_prefs).
          receiptChannel: receiptChannel ?? 'sms',
          policyVersions: policies.map((p) => ({ version: p.version, effectiveFrom: p.effective_from, purposes: parsePurposes(p.purposes) })),
        },
        accessLog,
        contactChanges,
        corrections,
        requests: requestRows.map((r) => ({
          ...r,
          history: events.filter((e) => e.request_id === r.id).map((e) => ({ at: e.at, action: e.action, actor: e.actor_kind, reason: e.reason })),
        })),
        sessions,
        codeRequests,
        devices,
        bills,
      };
      return { document, json: JSON.stringify(document, null, 2), summary: exportSummary(document) };
    },
  };
}

function parsePurposes(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A damaged catalogue must not stop the resident getting the rest of their data.
    return null;
  }
}

type Lang = 'vi' | 'en';

type PurposeTitle = { id?: unknown; title?: { vi?: unknown; en?: unknown } };

function purposeTitle(doc: ExportDocument, consent: ExportConsent, lang: Lang): string {
  const version = doc.consents.policyVersions.find((p) => p.version === consent.policyVersion);
  const purposes = Array.isArray(version?.purposes) ? (version.purposes as PurposeTitle[]) : [];
  const title = purposes.find((p) => p.id === consent.purposeId)?.title?.[lang];
  return typeof title === 'string' ? title : consent.purposeId;
}

const TEXT = {
  vi: {
    heading: 'BẢN SAO DỮ LIỆU CỦA BẠN',
    intro: 'Đây là toàn bộ dữ liệu mà hệ thống Kiot của ban quản lý tòa nhà đang lưu về bạn. Bản đầy đủ, máy đọc được, nằm trong tệp JSON đính kèm.',
    made: 'Lập ngày',
    profile: 'Thông tin cá nhân',
    name: 'Họ tên',
    phone: 'Số điện thoại',
    email: 'Email',
    address: 'Địa chỉ liên hệ',
    unit: 'Căn hộ',
    none: '(không có)',
    consents: 'Lựa chọn đồng ý hiện tại',
    granted: 'đồng ý',
    withdrawn: 'không đồng ý',
    consentHistory: 'Số lần thay đổi lựa chọn đồng ý',
    accessLog: 'Ai đã truy cập dữ liệu của bạn',
    system: 'hệ thống',
    requests: 'Yêu cầu về dữ liệu',
    contactChanges: 'Số lần đổi số điện thoại hoặc email',
    corrections: 'Số yêu cầu sửa thông tin',
    sessions: 'Số lần đăng nhập tại kiosk',
    bills: 'Hóa đơn của căn hộ',
    billCount: 'Số hóa đơn',
    paid: 'Đã thanh toán',
    unpaid: 'Chưa thanh toán',
    unpaidList: 'Hóa đơn chưa thanh toán',
    due: 'hạn',
    kinds: { deletion: 'Xóa dữ liệu', export: 'Bản sao dữ liệu', consent_withdrawal: 'Rút lại đồng ý', correction: 'Sửa thông tin', objection: 'Phản đối xử lý', restriction: 'Hạn chế xử lý' },
    statuses: { received: 'đã nhận', acknowledged: 'đã xác nhận', in_progress: 'đang xử lý', on_hold: 'tạm giữ', done: 'đã xong', refused: 'từ chối', cancelled: 'đã hủy' },
    services: { electricity: 'Điện', water: 'Nước', management: 'Phí quản lý', cleaning: 'Vệ sinh', security: 'Bảo vệ', parking: 'Gửi xe', repairs: 'Sửa chữa' },
  },
  en: {
    heading: 'A COPY OF YOUR DATA',
    intro: "This is all the data the building management's Kiot system holds about you. The complete, machine-readable copy is the attached JSON file.",
    made: 'Prepared on',
    profile: 'Your details',
    name: 'Full name',
    phone: 'Phone number',
    email: 'Email',
    address: 'Contact address',
    unit: 'Apartment',
    none: '(none)',
    consents: 'Your current consent choices',
    granted: 'agreed',
    withdrawn: 'not agreed',
    consentHistory: 'Consent changes recorded',
    accessLog: 'Who accessed your data',
    system: 'system',
    requests: 'Your data requests',
    contactChanges: 'Phone or email changes',
    corrections: 'Correction requests',
    sessions: 'Kiosk sign-ins',
    bills: "Your apartment's bills",
    billCount: 'Bills',
    paid: 'Paid',
    unpaid: 'Unpaid',
    unpaidList: 'Unpaid bills',
    due: 'due',
    kinds: { deletion: 'Deletion', export: 'Copy of my data', consent_withdrawal: 'Consent withdrawal', correction: 'Correction', objection: 'Objection', restriction: 'Restriction' },
    statuses: { received: 'received', acknowledged: 'acknowledged', in_progress: 'in progress', on_hold: 'on hold', done: 'done', refused: 'refused', cancelled: 'cancelled' },
    services: { electricity: 'Electricity', water: 'Water', management: 'Management fee', cleaning: 'Cleaning', security: 'Security', parking: 'Parking', repairs: 'Repairs' },
  },
} as const;

/** The word for a stored code, or the code itself for one the table does not know. */
function wordFor(words: Readonly<Record<string, string>>, code: string): string {
  return words[code] ?? code;
}

/** `+84901234567` → `0901 234 567`, the way residents write their number. */
function localPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

/** The readable summary: the same facts in Vietnamese, then in English. Dates dd/MM/yyyy in Vietnam's time. */
export function exportSummary(doc: ExportDocument): string {
  return `${summaryIn(doc, 'vi')}\n\n${'—'.repeat(30)}\n\n${summaryIn(doc, 'en')}\n`;
}

function summaryIn(doc: ExportDocument, lang: Lang): string {
  const t = TEXT[lang];
  const p = doc.profile;
  const lines: string[] = [t.heading, t.intro, `${t.made}: ${formatInstant(doc.generatedAt)}`, '', `${t.profile}:`];
  lines.push(`  ${t.name}: ${p.fullName}`, `  ${t.phone}: ${localPhone(p.phone)}`, `  ${t.email}: ${p.email ?? t.none}`, `  ${t.address}: ${p.contactAddress ?? t.none}`);
  for (const unit of p.units) lines.push(`  ${t.unit}: ${unit.label} — ${p.building.name}`);

  lines.push('', `${t.consents}:`);
  if (doc.consents.current.length === 0) lines.push(`  ${t.none}`);
  for (const c of doc.consents.current) lines.push(`  - ${purposeTitle(doc, c, lang)}: ${c.granted ? t.granted : t.withdrawn} (${formatInstant(c.recordedAt)})`);
  lines.push(`  ${t.consentHistory}: ${String(doc.consents.history.length)}`);

  lines.push('', `${t.accessLog}:`);
  if (doc.accessLog.length === 0) lines.push(`  ${t.none}`);
  for (const entry of doc.accessLog) {
    const who = entry.actor.kind === 'staff' ? `${entry.actor.displayName} (${entry.actor.role})` : `${t.system} (${entry.actor.job})`;
    lines.push(`  - ${formatInstant(entry.at)} ${who}: ${entry.action}${entry.reason ? ` — ${entry.reason}` : ''}`);
  }

  lines.push('', `${t.requests}:`);
  if (doc.requests.length === 0) lines.push(`  ${t.none}`);
  for (const r of doc.requests) lines.push(`  - ${formatInstant(r.created_at)} ${wordFor(t.kinds, r.kind)}: ${wordFor(t.statuses, r.status)}`);

  lines.push('', `${t.contactChanges}: ${String(doc.contactChanges.length)}`, `${t.corrections}: ${String(doc.corrections.length)}`, `${t.sessions}: ${String(doc.sessions.length)}`);

  const paid = doc.bills.filter((b) => b.status === 'paid');
  const unpaid = doc.bills.filter((b) => b.status !== 'paid');
  const total = (bills: ExportBill[]): number => bills.reduce((sum, b) => sum + b.amount_vnd, 0);
  lines.push('', `${t.bills}:`, `  ${t.billCount}: ${String(doc.bills.length)}`);
  lines.push(`  ${t.paid}: ${String(paid.length)} — ${formatVnd(total(paid), lang)}`, `  ${t.unpaid}: ${String(unpaid.length)} — ${formatVnd(total(unpaid), lang)}`);
  if (unpaid.length > 0) {
    lines.push(`  ${t.unpaidList}:`);
    for (const b of unpaid) lines.push(`    - ${b.month} ${wordFor(t.services, b.service)}: ${formatVnd(b.amount_vnd, lang)} (${t.due} ${formatLocalDate(b.due_date)})`);
  }
  return lines.join('\n');
}
