/** The signed-in home: what the resident owes, shortcuts, notices and the management office. */
export const home = {
  nav: 'Trang chủ',
  navLabel: 'Các mục chính',
  owe: {
    loading: 'Đang xem bạn cần đóng bao nhiêu…',
    month: 'Tháng {{month}} cần đóng {{amount}}, hạn {{date}}',
    months: 'Cần đóng {{amount}}, hạn sớm nhất {{date}}',
    overdueOnly: 'Bạn còn {{amount}} đã quá hạn, cần đóng ngay',
    none: 'Bạn không còn khoản nào cần đóng',
  },
  overdue_other: 'Quá hạn {{count}} ngày: {{amount}}',
  shortcuts: {
    label: 'Lối tắt',
    bills: 'Hóa đơn',
    billsHint: 'Từng khoản theo tháng',
    pay: 'Thanh toán',
    payHint: 'Quét mã VietQR, trả {{amount}}',
    payNothing: 'Không có khoản nào cần trả',
    profile: 'Thông tin của tôi',
    profileHint: 'Tên, địa chỉ, số điện thoại',
    privacy: 'Quyền riêng tư',
    privacyHint: 'Đồng ý, chính sách, ai đã xem',
    requests: 'Yêu cầu của tôi',
    requestsHint: 'Theo dõi yêu cầu đã gửi',
  },
  notices: {
    title: 'Thông báo',
    none: 'Chưa có thông báo nào.',
    published: 'Ngày {{date}}',
  },
  office: {
    title: 'Ban quản lý tòa nhà',
    phone: 'Điện thoại: {{phone}}',
    hours: 'Giờ làm việc: {{hours}}',
  },
} as const;
