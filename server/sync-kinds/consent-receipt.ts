/** The text of a consent receipt, in Vietnamese then English. */
import { formatInstant } from '../../shared/dates';
import type { RecordedConsent } from '../services/consents';
import type { NoticeMessage } from '../services/notifications';

export function consentReceipt(change: RecordedConsent): NoticeMessage {
  const when = formatInstant(change.recordedAt);
  const vi = change.granted
    ? `Kiot: Bạn đã ĐỒNG Ý "${change.purpose.title.vi}" lúc ${when} (chính sách bảo mật phiên bản ${change.policyVersion}). Bạn có thể rút lại bất cứ lúc nào tại máy ở sảnh.`
    : `Kiot: Bạn đã RÚT LẠI đồng ý "${change.purpose.title.vi}" lúc ${when} (chính sách bảo mật phiên bản ${change.policyVersion}). Việc này có hiệu lực ngay.`;
  const en = change.granted
    ? `You GAVE consent to "${change.purpose.title.en}" at ${when} (privacy policy version ${change.policyVersion}). You can withdraw it at any time at the lobby kiosk.`
    : `You WITHDREW consent to "${change.purpose.title.en}" at ${when} (privacy policy version ${change.policyVersion}). This takes effect at once.`;
  return {
    sms: `${vi} / ${en}`,
    mail: { subject: 'Kiot: xác nhận thay đổi đồng ý / consent change receipt', text: `${vi}\n\n${en}\n\nMã ghi nhận / Record: ${change.recordId}` },
  };
}
