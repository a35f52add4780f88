/** Words every screen shares: startup, the language toggle, the keypad, errors. */
export const common = {
  loading: 'Đang khởi động…',
  back: 'Quay lại',
  retry: 'Thử lại',
  /** Under a part of the screen that scrolls by itself, while there is more below. */
  scrollMore: 'Kéo để xem thêm',
  displayModes: {
    group: 'Cách hiển thị',
    largeText: 'Chữ lớn',
    reach: 'Hạ màn hình xuống',
  },
  language: {
    group: 'Ngôn ngữ',
  },
  revoked: {
    title: 'Thiết bị đã bị thu hồi',
    body: 'Máy chủ của tòa nhà không còn chấp nhận thiết bị này. Bộ phận IT: hãy xin mã đăng ký mới trong bảng điều khiển quản lý và đăng ký lại thiết bị.',
    resident: 'Cư dân vui lòng dùng kiosk khác hoặc liên hệ ban quản lý tòa nhà.',
  },
  fatal: {
    title: 'Máy tạm thời chưa sẵn sàng',
    body: 'Vui lòng thử lại sau ít phút hoặc liên hệ ban quản lý tòa nhà.',
  },
  crashed: {
    title: 'Đã có lỗi xảy ra',
    body: 'Màn hình gặp sự cố. Vui lòng chạm “Thử lại”.',
  },
  keypad: {
    label: 'Bàn phím số',
    delete: 'Xóa',
    deleteLabel: 'Xóa số cuối',
    clear: 'Xóa hết',
    clearLabel: 'Xóa hết các số',
  },
  error: {
    invalidInput: 'Thông tin không hợp lệ. Vui lòng kiểm tra lại.',
    rateLimited: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau.',
    rateLimitedSeconds_other: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {{count}} giây.',
    rateLimitedMinutes_other: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {{count}} phút.',
    hubUnavailable: 'Dịch vụ tạm thời không khả dụng, vui lòng thử lại.',
    wrongState: 'Phiên làm việc đã thay đổi. Vui lòng thử lại.',
    unauthorized: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    notFound: 'Không tìm thấy thông tin này.',
    generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
    phoneInUse: 'Số điện thoại này đã được một cư dân khác sử dụng. Vui lòng dùng số khác hoặc liên hệ ban quản lý.',
    phoneNotVietnamese: 'Đây không phải số điện thoại Việt Nam. Vui lòng nhập dạng 0912 345 678.',
    emailInvalid: 'Địa chỉ email chưa đúng. Ví dụ đúng: ten@gmail.com',
    unknownPurpose: 'Mục đích này không có trong chính sách hiện hành. Lựa chọn chưa được lưu.',
    policyOutdated: 'Chính sách bảo mật vừa được cập nhật. Vui lòng xem lại và chọn lại.',
    consentNecessary: 'Mục này cần thiết để cung cấp dịch vụ nên không thể rút lại.',
  },
} as const;
