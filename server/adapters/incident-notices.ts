/**
 * Drafts of breach notices (POLICY.md: authority and residents within 72 hours), in Vietnamese
 * and English. They are starting points the manager edits before anything is sent, so they say
 * only what the register knows and leave brackets where the manager must add facts. The
 * authority is named generically: the competent body may change, the duty does not.
 */
import type { DataCategory, IncidentDrafts } from '../../shared/incidents';
import { formatInstant } from '../../shared/dates';
import type { MailMessage } from './mail/mail-adapter';

export type DraftFacts = {
  incidentId: string;
  buildingName: string;
  title: string;
  description: string;
  detectedAt: string;
  categories: readonly DataCategory[];
  estimatedAffected: number;
};

const categoryVi: Readonly<Record<DataCategory, string>> = {
  identity: 'thông tin định danh (họ tên)',
  contact: 'thông tin liên lạc (số điện thoại, email)',
  unit_household: 'căn hộ và hộ gia đình',
  bills_payments: 'hóa đơn và thanh toán',
  credentials: 'thông tin đăng nhập',
  consents: 'lựa chọn đồng ý',
  access_logs: 'nhật ký truy cập',
  other: 'dữ liệu khác',
};

const categoryEn: Readonly<Record<DataCategory, string>> = {
  identity: 'identity (names)',
  contact: 'contact details (phone numbers, email)',
  unit_household: 'apartments and households',
  bills_payments: 'bills and payments',
  credentials: 'sign-in credentials',
  consents: 'consent choices',
  access_logs: 'access logs',
  other: 'other data',
};

export function categoryListVi(categories: readonly DataCategory[]): string {
  return categories.map((c) => categoryVi[c]).join('; ');
}

export function categoryListEn(categories: readonly DataCategory[]): string {
  return categories.map((c) => categoryEn[c]).join('; ');
}

/** The short reference residents and the authority quote back: the last 8 characters of the id. */
export function incidentReference(incidentId: string): string {
  return `SC-${incidentId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

export function incidentDrafts(facts: DraftFacts): IncidentDrafts {
  const ref = incidentReference(facts.incidentId);
  const detected = formatInstant(facts.detectedAt);
  const catsVi = categoryListVi(facts.categories);
  const catsEn = categoryListEn(facts.categories);
  return {
    authority: {
      vi: {
        subject: `Thông báo vi phạm bảo vệ dữ liệu cá nhân — ${facts.buildingName} — ${ref}`,
        text: [
          'Kính gửi: Cơ quan chuyên trách bảo vệ dữ liệu cá nhân',
          '',
          `Ban quản lý ${facts.buildingName} thông báo về sự cố dữ liệu cá nhân sau (mã ${ref}):`,
          `- Sự cố: ${facts.title}`,
          `- Mô tả: ${facts.description}`,
          `- Thời điểm phát hiện: ${detected} (giờ Việt Nam)`,
          `- Loại dữ liệu bị ảnh hưởng: ${catsVi}`,
          `- Số cư dân ước tính bị ảnh hưởng: ${facts.estimatedAffected}`,
          '- Biện pháp đã thực hiện: [bổ sung]',
          '- Hậu quả có thể xảy ra: [bổ sung]',
          '- Đầu mối liên hệ: [họ tên, chức vụ, số điện thoại]',
          '',
          'Ban quản lý cam kết tiếp tục cập nhật khi có thêm thông tin.',
        ].join('\n'),
      },
      en: {
        subject: `Personal data breach notification — ${facts.buildingName} — ${ref}`,
        text: [
          'To: the competent authority for personal data protection',
          '',
          `The management board of ${facts.buildingName} notifies the following personal data incident (reference ${ref}):`,
          `- Incident: ${facts.title}`,
          `- Description: ${facts.description}`,
          `- Detected at: ${detected} (Vietnam time)`,
          `- Data categories affected: ${catsEn}`,
          `- Estimated residents affected: ${facts.estimatedAffected}`,
          '- Measures taken: [to complete]',
          '- Likely consequences: [to complete]',
          '- Contact person: [name, position, phone]',
          '',
          'The management board will send updates as more becomes known.',
        ].join('\n'),
      },
    },
    residentSms: {
      vi: `${facts.buildingName}: Sự cố dữ liệu ${ref} phát hiện lúc ${detected} có thể liên quan đến dữ liệu của quý cư dân (${catsVi}). Vui lòng liên hệ Ban quản lý để biết chi tiết và cách tự bảo vệ.`,
      en: `${facts.buildingName}: data incident ${ref}, detected ${detected}, may involve your data (${catsEn}). Please contact the management office for details and how to protect yourself.`,
    },
    residentMail: {
      vi: {
        subject: `Thông báo sự cố dữ liệu cá nhân — ${ref}`,
        text: [
          'Kính gửi quý cư dân,',
          '',
          `Ban quản lý ${facts.buildingName} xin thông báo: ngày ${detected} chúng tôi phát hiện một sự cố có thể ảnh hưởng đến dữ liệu cá nhân của quý cư dân.`,
          `Loại dữ liệu có thể bị ảnh hưởng: ${catsVi}.`,
          'Những gì chúng tôi đã làm: [bổ sung]',
          'Quý cư dân nên: cảnh giác với cuộc gọi, tin nhắn lạ yêu cầu mã OTP hoặc chuyển tiền; không cung cấp mã xác thực cho bất kỳ ai.',
          '',
          `Mọi thắc mắc, vui lòng liên hệ văn phòng Ban quản lý và nêu mã ${ref}.`,
          '',
          `Ban quản lý ${facts.buildingName}`,
        ].join('\n'),
      },
      en: {
        subject: `Personal data incident notice — ${ref}`,
        text: [
          'Dear resident,',
          '',
          `The management board of ${facts.buildingName} is letting you know that on ${detected} we detected an incident that may affect your personal data.`,
          `Data that may be affected: ${catsEn}.`,
          'What we have done: [to complete]',
          'What you should do: be wary of unexpected calls or messages asking for one-time codes or money transfers; never share a verification code with anyone.',
          '',
          `For any question, please contact the management office quoting ${ref}.`,
          '',
          `The management board of ${facts.buildingName}`,
        ].join('\n'),
      },
    },
  };
}

/** To a building's managers and administrators: an incident's 72-hour deadline is near, or passed, without the authority's notice recorded. */
export function incidentDeadlineMail(input: { to: string; buildingName: string; incidentId: string; title: string; deadlineAt: string; stage: 'warning' | 'overdue' }): MailMessage {
  const ref = incidentReference(input.incidentId);
  const due = formatInstant(input.deadlineAt);
  const vi = input.stage === 'warning' ? `sắp hết hạn 72 giờ (hạn ${due})` : `đã quá hạn 72 giờ (hạn ${due})`;
  const en = input.stage === 'warning' ? `is close to its 72-hour deadline (${due})` : `is past its 72-hour deadline (${due})`;
  return {
    to: input.to,
    subject: `${input.stage === 'warning' ? 'Sắp hết hạn / Deadline near' : 'Quá hạn / Overdue'}: sự cố dữ liệu / data incident ${ref} — ${input.buildingName}`,
    text: [
      `Sự cố "${input.title}" (${ref}) tại ${input.buildingName} ${vi} mà chưa ghi nhận thông báo cơ quan chuyên trách bảo vệ dữ liệu cá nhân.`,
      'Vui lòng thông báo và ghi nhận trong mục Sự cố dữ liệu của bảng điều khiển quản lý.',
      '',
      `Incident "${input.title}" (${ref}) at ${input.buildingName} ${en} and the authority's notice is not recorded.`,
      'Please notify the authority and record it under Data incidents in the management console.',
    ].join('\n'),
  };
}
