/** The attract screen, shown between residents, and the emergency takeover. */
export const attract = {
  welcome: 'Chào mừng đến với',
  start: 'Chạm để bắt đầu',
  hint: 'Xem hóa đơn căn hộ của bạn',
  sessionEnded: 'Phiên trước đã kết thúc để bảo vệ thông tin của bạn.',
  policy: 'Chính sách bảo mật',
  clock: 'Bây giờ là {{time}}, {{weekday}} {{date}}',
  weekday: {
    sun: 'Chủ Nhật',
    mon: 'Thứ Hai',
    tue: 'Thứ Ba',
    wed: 'Thứ Tư',
    thu: 'Thứ Năm',
    fri: 'Thứ Sáu',
    sat: 'Thứ Bảy',
  },
  announcements: {
    title: 'Thông báo của ban quản lý',
    published: 'Đăng ngày {{date}}',
    show: 'Xem thông báo {{n}} / {{count}}',
    pause: 'Tạm dừng chuyển thông báo',
    resume: 'Tiếp tục chuyển thông báo',
  },
  office: 'Văn phòng ban quản lý: {{phone}}',
  emergency: {
    label: 'THÔNG BÁO KHẨN CẤP',
    since: 'Từ {{time}} ngày {{date}}',
  },
} as const;
