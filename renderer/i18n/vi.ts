/**
 * Vietnamese strings: the source of truth for message keys. `en.ts` must have exactly the
 * same keys (a missing or extra key there does not compile). `{name}` placeholders are
 * filled in by `t(key, params)`.
 */
export const vi = {
  'app.loading': 'Đang khởi động…',
  'app.managerUnavailable': 'Bảng điều khiển quản lý chưa có trong phiên bản này.',

  'lang.toggle': 'Chuyển sang tiếng Anh',

  'common.back': 'Quay lại',
  'common.retry': 'Thử lại',

  'fatal.title': 'Máy tạm thời chưa sẵn sàng',
  'fatal.body': 'Vui lòng thử lại sau ít phút hoặc liên hệ ban quản lý tòa nhà.',

  'attract.welcome': 'Chào mừng đến với',
  'attract.start': 'Chạm để bắt đầu',
  'attract.hint': 'Xem hóa đơn căn hộ của bạn',
  'attract.sessionEnded': 'Phiên trước đã kết thúc để bảo vệ thông tin của bạn.',

  'keypad.label': 'Bàn phím số',
  'keypad.delete': 'Xóa',
  'keypad.deleteLabel': 'Xóa số cuối',
  'keypad.clear': 'Xóa hết',
  'keypad.clearLabel': 'Xóa tất cả các số',

  'phone.title': 'Nhập số điện thoại của bạn',
  'phone.hint': 'Chúng tôi sẽ gửi mã xác nhận qua tin nhắn SMS.',
  'phone.placeholder': 'Số điện thoại',
  'phone.displayLabel': 'Số điện thoại đã nhập',
  'phone.submit': 'Gửi mã',
  'phone.sending': 'Đang gửi mã…',
  'phone.invalid': 'Số điện thoại không hợp lệ. Vui lòng kiểm tra lại.',

  'code.title': 'Nhập mã xác nhận',
  'code.sentTo': 'Mã đã gửi tới {phone}',
  'code.sentToYourPhone': 'Mã đã được gửi tới điện thoại của bạn',
  'code.displayLabel': 'Mã xác nhận: đã nhập {n} trên 6 số',
  'code.verifying': 'Đang kiểm tra mã…',
  'code.wrong': 'Mã không đúng. Còn {n} lần thử.',
  'code.wrongOne': 'Mã không đúng. Còn 1 lần thử.',
  'code.wrongNoCount': 'Mã không đúng. Vui lòng thử lại.',
  'code.locked': 'Bạn đã nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.',
  'code.expired': 'Mã đã hết hạn. Vui lòng yêu cầu mã mới.',
  'code.resend': 'Gửi lại mã',
  'code.resendIn': 'Gửi lại mã sau {n} giây',
  'code.requestNew': 'Yêu cầu mã mới',
  'code.resent': 'Đã gửi mã mới.',
  'code.changeNumber': 'Đổi số điện thoại',

  'bills.hello': 'Xin chào,',
  'bills.unit': 'Căn hộ {unit}',
  'bills.title': 'Hóa đơn của bạn',
  'bills.loading': 'Đang tải hóa đơn…',
  'bills.empty': 'Bạn chưa có hóa đơn nào.',
  'bills.unpaidTotal': 'Tổng chưa thanh toán',
  'bills.allPaid': 'Bạn đã thanh toán tất cả hóa đơn.',
  'bills.due': 'Hạn thanh toán: {date}',
  'bills.signOut': 'Đăng xuất',
  'bills.rowLabel': '{service}, {month}, {amount}, {status}',

  'service.electricity': 'Điện',
  'service.water': 'Nước',
  'service.management': 'Phí quản lý',
  'service.cleaning': 'Vệ sinh',
  'service.security': 'An ninh',
  'service.parking': 'Gửi xe',
  'service.repairs': 'Sửa chữa',

  'status.paid': 'Đã thanh toán',
  'status.unpaid': 'Chưa thanh toán',
  'status.overdue': 'Quá hạn',

  'detail.title': 'Chi tiết hóa đơn',
  'detail.service': 'Dịch vụ',
  'detail.month': 'Kỳ thanh toán',
  'detail.unit': 'Căn hộ',
  'detail.amount': 'Số tiền',
  'detail.dueDate': 'Hạn thanh toán',
  'detail.status': 'Trạng thái',
  'detail.paidAt': 'Ngày thanh toán',
  'detail.notPaidYet': 'Chưa thanh toán',
  'detail.meter': 'Chỉ số công tơ',
  'detail.previousReading': 'Chỉ số cũ',
  'detail.currentReading': 'Chỉ số mới',
  'detail.consumption': 'Tiêu thụ',

  'measure.kWh': 'kWh',
  'measure.m3': 'm³',

  'countdown.title': 'Bạn còn ở đó không?',
  'countdown.body': 'Để bảo vệ thông tin của bạn, phiên sẽ tự kết thúc sau',
  'countdown.seconds': 'giây',
  'countdown.continue': 'Tiếp tục',

  'error.invalidInput': 'Thông tin không hợp lệ. Vui lòng kiểm tra lại.',
  'error.rateLimited': 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.',
  'error.rateLimitedSeconds': 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {n} giây.',
  'error.rateLimitedMinutes': 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {n} phút.',
  'error.hubUnavailable': 'Dịch vụ tạm thời không khả dụng, vui lòng thử lại.',
  'error.wrongState': 'Phiên làm việc đã thay đổi. Vui lòng thử lại.',
  'error.unauthorized': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  'error.notFound': 'Không tìm thấy thông tin này.',
  'error.generic': 'Đã có lỗi xảy ra. Vui lòng thử lại.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;
/** The shape every other language must fill in completely. */
export type Dictionary = { readonly [K in MessageKey]: string };
