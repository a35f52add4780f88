/** Words every screen shares: startup, the language toggle, the keypad, errors. */
export const common = {
  loading: 'Đang khởi động…',
  back: 'Quay lại',
  retry: 'Thử lại',
  language: {
    toggle: 'Chuyển sang tiếng Anh',
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
    clearLabel: 'Xóa tất cả các số',
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
  },
} as const;
