/**
 * The default privacy policy texts, written for Kiot (not copied from anywhere): the hub
 * stores them in its database on first start, and an operator replaces them with their
 * own. A .ts module rather than loose files so the hub bundle and the tests read the same
 * thing with no file-system lookup.
 */
import type { Bilingual, PurposeDefinition } from '../../shared/consents';
import { purposesV1, purposesV2 } from './purposes';

export type DefaultPolicyVersion = {
  version: number;
  /** YYYY-MM-DD, a calendar day in Vietnam. */
  effectiveFrom: string;
  text: Bilingual;
  changes: Bilingual | null;
  purposes: readonly PurposeDefinition[];
};

const textV1vi = `Chính sách bảo mật dữ liệu cá nhân của cư dân

1. Chúng tôi thu thập gì
Họ tên, căn hộ, địa chỉ liên hệ, số điện thoại và email của bạn. Máy ở sảnh không chụp ảnh, không đọc danh bạ, không lưu ảnh căn cước.

2. Chúng tôi dùng để làm gì
Để quản lý hồ sơ cư dân, tính phí dịch vụ, gửi thông báo của Ban quản lý, bảo vệ tài khoản của bạn khỏi bị chiếm đoạt, và liên hệ về dịch vụ bạn yêu cầu. Những việc khác như nhắc hóa đơn, khảo sát, tin tức chỉ làm khi bạn đồng ý.

3. Chia sẻ với ai
Chúng tôi không bán, cho thuê hay trao đổi dữ liệu của bạn. Dữ liệu chỉ được chia sẻ với: Ban quản lý tòa nhà, nhân viên được giao việc, các nhà cung cấp dịch vụ bạn sử dụng, đối tác giao hàng khi bạn đặt hàng, cơ quan nhà nước có thẩm quyền khi có yêu cầu hợp pháp, và bất kỳ ai khác chỉ khi bạn đồng ý.

4. Quyền của bạn
Bạn có thể xem, sửa thông tin của mình ngay tại máy ở sảnh, đồng ý hoặc rút lại đồng ý cho từng mục đích bất cứ lúc nào, và yêu cầu xóa dữ liệu. Mỗi lần thay đổi, bạn nhận được tin nhắn xác nhận. Việc rút lại đồng ý có hiệu lực ngay.

5. Lưu giữ và xóa
Dữ liệu được giữ trong thời gian bạn còn là cư dân. Khi bạn yêu cầu xóa, dữ liệu được xóa sau 5 ngày, trừ khi pháp luật buộc phải giữ lâu hơn.

6. Bảo mật
Đăng nhập bằng mã một lần gửi qua tin nhắn. Mọi lần nhân viên xem hoặc sửa dữ liệu của bạn đều được ghi lại và bạn có thể xem. Nếu xảy ra sự cố lộ dữ liệu, chúng tôi thông báo cho cơ quan chức năng và cho bạn trong vòng 72 giờ.

7. Thay đổi chính sách
Khi chính sách thay đổi mục đích sử dụng hoặc bên nhận dữ liệu, bạn sẽ được hỏi lại ở lần đăng nhập tiếp theo.`;

const textV1en = `Privacy policy for residents' personal data

1. What we collect
Your name, apartment, contact address, phone number and email. The lobby kiosk takes no photos, reads no contacts and keeps no ID-card images.

2. What we use it for
To keep your resident record, compute your service charges, send notices from the management board, protect your account against takeover, and contact you about services you ask for. Anything else, such as bill reminders, surveys or news, happens only with your consent.

3. Who we share it with
We never sell, rent or trade your data. It is shared only with: the building management board, the staff assigned to a task, the service providers you use, delivery partners when you place an order, competent authorities on a lawful request, and anyone else only with your consent.

4. Your rights
At the lobby kiosk you can see and correct your information, give or withdraw consent for each purpose at any time, and ask for your data to be deleted. Every change is confirmed to you by a message. A withdrawal takes effect at once.

5. Keeping and deleting
Your data is kept while you are a resident. When you ask for deletion, it is erased 5 days later, unless the law requires us to keep it longer.

6. Security
You sign in with a one-time code sent by SMS. Every time staff view or change your data, it is recorded, and you can see it. If your data is ever exposed, we tell the authorities and you within 72 hours.

7. Changes to this policy
When a new version changes what your data is used for or who receives it, you are asked again the next time you sign in.`;

const changesV2: Bilingual = {
  vi: 'Bổ sung đối tác giao hàng Ahamove cho mục "Chia sẻ liên hệ với đối tác giao hàng". Các mục khác không đổi.',
  en: 'Ahamove is added as a delivery partner under "Sharing contact details with delivery partners". Nothing else changes.',
};

const textV2vi = textV1vi.replace(
  'đối tác giao hàng khi bạn đặt hàng,',
  'đối tác giao hàng khi bạn đặt hàng (Giao Hàng Tiết Kiệm và Ahamove),',
);
const textV2en = textV1en.replace('delivery partners when you place an order,', 'delivery partners when you place an order (Giao Hàng Tiết Kiệm and Ahamove),');

export const defaultPolicyVersions: readonly DefaultPolicyVersion[] = [
  { version: 1, effectiveFrom: '2026-01-01', text: { vi: textV1vi, en: textV1en }, changes: null, purposes: purposesV1 },
  { version: 2, effectiveFrom: '2026-07-01', text: { vi: textV2vi, en: textV2en }, changes: changesV2, purposes: purposesV2 },
];
