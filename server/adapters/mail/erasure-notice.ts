/** The final notice of a deletion, by mail: Vietnamese first, then English. */
import type { MailMessage } from './mail-adapter';

/** `date` is the day of erasure as residents read it (dd/MM/yyyy, Vietnam time). */
export function erasureFinalNoticeMail(to: string, date: string): MailMessage {
  const vi = [
    'Kính gửi quý cư dân,',
    '',
    `Theo yêu cầu xóa dữ liệu của quý cư dân, ngày ${date} hệ thống Kiot của tòa nhà đã xóa các thông tin cá nhân: họ tên, số điện thoại, email, địa chỉ liên hệ, lịch sử đồng ý, các yêu cầu thay đổi thông tin và phiên đăng nhập.`,
    'Hóa đơn và các khoản đã thanh toán được giữ lại vì luật kế toán bắt buộc, nhưng không còn gắn với quý cư dân.',
    'Đây là thư cuối cùng chúng tôi gửi tới địa chỉ này. Nếu muốn dùng lại máy ở sảnh, vui lòng liên hệ ban quản lý để được đăng ký lại.',
  ];
  const en = [
    'Dear resident,',
    '',
    `As you asked, on ${date} your building's Kiot system erased your personal data: name, phone number, email, contact address, consent history, change requests and sign-in sessions.`,
    'Bills and payments are kept because accounting law requires it, but they are no longer linked to you.',
    'This is the last message we send to this address. To use the lobby kiosk again, ask the management office to register you anew.',
  ];
  return { to, subject: 'Kiot: dữ liệu của bạn đã được xóa / your data has been erased', text: `${vi.join('\n')}\n\n---\n\n${en.join('\n')}\n` };
}
