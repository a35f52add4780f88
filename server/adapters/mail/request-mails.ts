/**
 * The texts of the mails that data-subject requests send: the resident's copy of their data,
 * and the managers' notice of overdue requests. Vietnamese first, then English, in one mail.
 */
import { formatInstant } from '../../../shared/dates';
import type { MailMessage } from './mail-adapter';

/** The resident's export: the summary as the body, the JSON as a file. */
export function exportMail(input: { to: string; summary: string; json: string; filename: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Bản sao dữ liệu của bạn / A copy of your data — Kiot',
    text: [
      'Xin chào,',
      'Theo yêu cầu của bạn, ban quản lý gửi bạn bản sao dữ liệu cá nhân mà hệ thống Kiot đang lưu. Tệp đính kèm chứa bản đầy đủ; phần dưới đây là bản tóm tắt.',
      'Nếu bạn không yêu cầu, hãy báo cho ban quản lý tòa nhà.',
      '',
      'Hello,',
      'As you asked, the building management sends you a copy of the personal data the Kiot system holds about you. The attached file is the complete copy; a summary follows.',
      'If you did not ask for this, please tell the building management.',
      '',
      input.summary,
    ].join('\n'),
    attachments: [{ filename: input.filename, contentType: 'application/json; charset=utf-8', content: input.json }],
  };
}

export type OverdueItem = {
  requestId: string;
  kind: string;
  /** Which deadline passed. */
  deadline: 'acknowledge' | 'act';
  dueAt: string;
};

const KIND_VI: Record<string, string> = {
  deletion: 'xóa dữ liệu',
  export: 'bản sao dữ liệu',
  consent_withdrawal: 'rút lại đồng ý',
  correction: 'sửa thông tin',
  objection: 'phản đối xử lý',
  restriction: 'hạn chế xử lý',
};
const KIND_EN: Record<string, string> = {
  deletion: 'deletion',
  export: 'data copy',
  consent_withdrawal: 'consent withdrawal',
  correction: 'correction',
  objection: 'objection',
  restriction: 'restriction',
};

/**
 * The managers' notice: request ids, kinds and the deadlines that passed. No resident's name or
 * number: mail leaves the hub, and the console shows who it is to staff allowed to see it.
 */
export function overdueRequestsMail(input: { to: string; buildingName: string; items: readonly OverdueItem[] }): MailMessage {
  const line = (item: OverdueItem, lang: 'vi' | 'en'): string => {
    const kind = (lang === 'vi' ? KIND_VI : KIND_EN)[item.kind] ?? item.kind;
    const what =
      lang === 'vi'
        ? item.deadline === 'acknowledge'
          ? 'quá hạn xác nhận đã nhận'
          : 'quá hạn xử lý'
        : item.deadline === 'acknowledge'
          ? 'acknowledgement overdue'
          : 'action overdue';
    const due = lang === 'vi' ? 'hạn' : 'was due';
    return `  - ${item.requestId} (${kind}): ${what}, ${due} ${formatInstant(item.dueAt)}`;
  };
  return {
    to: input.to,
    subject: `Yêu cầu về dữ liệu quá hạn / Overdue data requests — ${input.buildingName}`,
    text: [
      `Tòa nhà ${input.buildingName} có ${String(input.items.length)} mốc hạn theo luật vừa bị quá đối với yêu cầu của cư dân về dữ liệu cá nhân:`,
      ...input.items.map((i) => line(i, 'vi')),
      'Vui lòng xử lý trong mục Yêu cầu của bảng điều khiển quản lý.',
      '',
      `${input.buildingName} has ${String(input.items.length)} legal deadline(s) just passed on residents' personal data requests:`,
      ...input.items.map((i) => line(i, 'en')),
      'Please handle them under Requests in the management console.',
    ].join('\n'),
  };
}
