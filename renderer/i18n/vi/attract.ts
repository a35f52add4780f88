/** The attract screen, shown between residents. */
export const attract = {
  welcome: 'Chào mừng đến với',
  start: 'Chạm để bắt đầu',
  hint: 'Xem hóa đơn căn hộ của bạn',
  sessionEnded: 'Phiên trước đã kết thúc để bảo vệ thông tin của bạn.',
  policy: 'Chính sách bảo mật',
} as const;
