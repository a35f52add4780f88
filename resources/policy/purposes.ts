/**
 * The default purpose catalogue, written for Kiot. Version 2 names one more delivery
 * partner, so a resident who chose under version 1 is asked about that purpose again.
 */
import type { PurposeDefinition } from '../../shared/consents';

const serviceNotices: PurposeDefinition = {
  id: 'service_notices',
  necessary: true,
  title: { vi: 'Thông báo từ Ban quản lý', en: 'Notices from the management board' },
  data: { vi: 'Họ tên, căn hộ, số điện thoại.', en: 'Your name, apartment and phone number.' },
  use: {
    vi: 'Báo cho bạn những việc ảnh hưởng đến căn hộ: cắt điện nước, bảo trì thang máy, diễn tập phòng cháy, thay đổi nội quy.',
    en: 'Telling you about things that affect your home: power or water cuts, lift maintenance, fire drills, changes to the house rules.',
  },
  recipients: { vi: 'Ban quản lý tòa nhà.', en: 'The building management board.' },
};

const billRemindersSms: PurposeDefinition = {
  id: 'bill_reminders_sms',
  necessary: false,
  title: { vi: 'Nhắc hóa đơn qua tin nhắn SMS', en: 'Bill reminders by SMS' },
  data: { vi: 'Số điện thoại, căn hộ, số tiền và hạn thanh toán của hóa đơn.', en: 'Your phone number, apartment, and the amount and due date of your bills.' },
  use: { vi: 'Nhắc bạn vài ngày trước khi hóa đơn đến hạn.', en: 'Reminding you a few days before a bill is due.' },
  recipients: { vi: 'Ban quản lý tòa nhà và nhà mạng gửi tin nhắn.', en: 'The building management board and the mobile network that delivers the SMS.' },
};

const billRemindersEmail: PurposeDefinition = {
  id: 'bill_reminders_email',
  necessary: false,
  title: { vi: 'Nhắc hóa đơn qua email', en: 'Bill reminders by email' },
  data: { vi: 'Địa chỉ email, căn hộ, số tiền và hạn thanh toán của hóa đơn.', en: 'Your email address, apartment, and the amount and due date of your bills.' },
  use: { vi: 'Nhắc bạn vài ngày trước khi hóa đơn đến hạn.', en: 'Reminding you a few days before a bill is due.' },
  recipients: { vi: 'Ban quản lý tòa nhà và nhà cung cấp dịch vụ email.', en: 'The building management board and the email provider that delivers the message.' },
};

const surveys: PurposeDefinition = {
  id: 'surveys',
  necessary: false,
  title: { vi: 'Khảo sát ý kiến', en: 'Surveys' },
  data: { vi: 'Họ tên, căn hộ, số điện thoại hoặc email.', en: 'Your name, apartment, phone number or email.' },
  use: { vi: 'Hỏi ý kiến của bạn về dịch vụ của tòa nhà để cải thiện.', en: 'Asking your opinion on the building’s services so they can improve.' },
  recipients: { vi: 'Ban quản lý tòa nhà.', en: 'The building management board.' },
};

const newsPromotions: PurposeDefinition = {
  id: 'news_promotions',
  necessary: false,
  title: { vi: 'Tin tức và khuyến mãi', en: 'News and offers' },
  data: { vi: 'Số điện thoại hoặc email.', en: 'Your phone number or email.' },
  use: { vi: 'Gửi tin về sự kiện của tòa nhà, thay đổi điều khoản và ưu đãi của đơn vị vận hành.', en: 'Sending news of building events, changes to the terms, and offers from the operator.' },
  recipients: { vi: 'Đơn vị vận hành và nhân viên kinh doanh, chăm sóc khách hàng.', en: 'The operator and its sales and customer-care staff.' },
};

const deliveryPartnersV1: PurposeDefinition = {
  id: 'delivery_partners',
  necessary: false,
  title: { vi: 'Chia sẻ liên hệ với đối tác giao hàng', en: 'Sharing contact details with delivery partners' },
  data: { vi: 'Họ tên, căn hộ, số điện thoại.', en: 'Your name, apartment and phone number.' },
  use: { vi: 'Giao đến tận căn hộ những đơn hàng bạn đặt qua tòa nhà.', en: 'Delivering to your door the orders you place through the building.' },
  recipients: { vi: 'Đối tác giao hàng: Giao Hàng Tiết Kiệm.', en: 'Delivery partner: Giao Hàng Tiết Kiệm.' },
};

/** Version 2: a second delivery partner is named. */
const deliveryPartnersV2: PurposeDefinition = {
  ...deliveryPartnersV1,
  recipients: { vi: 'Đối tác giao hàng: Giao Hàng Tiết Kiệm và Ahamove.', en: 'Delivery partners: Giao Hàng Tiết Kiệm and Ahamove.' },
};

const serviceProviders: PurposeDefinition = {
  id: 'service_providers',
  necessary: false,
  title: { vi: 'Chia sẻ với nhà cung cấp dịch vụ', en: 'Sharing with service providers' },
  data: { vi: 'Họ tên, căn hộ, số điện thoại, chỉ số đồng hồ điện nước.', en: 'Your name, apartment, phone number and meter readings.' },
  use: { vi: 'Để nhà cung cấp liên hệ trực tiếp khi sửa chữa, lắp đặt hoặc đối soát hóa đơn của bạn.', en: 'So providers can contact you directly for repairs, installations or to check your bills.' },
  recipients: {
    vi: 'EVN Hà Nội (điện), Nước sạch Hà Nội (nước), công ty vệ sinh, bảo vệ và sửa chữa được tòa nhà thuê.',
    en: 'EVN Hanoi (electricity), Hanoi Clean Water (water), and the cleaning, security and repair companies the building hires.',
  },
};

export const purposesV1: readonly PurposeDefinition[] = [serviceNotices, billRemindersSms, billRemindersEmail, surveys, newsPromotions, deliveryPartnersV1, serviceProviders];
export const purposesV2: readonly PurposeDefinition[] = [serviceNotices, billRemindersSms, billRemindersEmail, surveys, newsPromotions, deliveryPartnersV2, serviceProviders];
