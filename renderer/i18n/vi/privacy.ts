/** The privacy centre's menu, and the way to it from the signed-in screens. */
export const privacy = {
  open: 'Thông tin & quyền riêng tư',
  bills: 'Hóa đơn',
  title: 'Thông tin & quyền riêng tư',
  intro: 'Xem và sửa thông tin của bạn, chọn cách chúng tôi dùng dữ liệu, và xem ai đã truy cập dữ liệu của bạn.',
  menu: {
    label: 'Các mục thông tin và quyền riêng tư',
    profile: 'Thông tin của tôi',
    profileHint: 'Họ tên, căn hộ, số điện thoại, email, địa chỉ liên hệ',
    consents: 'Sự đồng ý của tôi',
    consentsHint: 'Nhắc hóa đơn, khảo sát, tin tức, chia sẻ với đối tác',
    policy: 'Chính sách bảo mật',
    policyHint: 'Đọc chính sách hiện hành và các phiên bản trước',
    accessLog: 'Ai đã truy cập dữ liệu của tôi',
    accessLogHint: 'Nhân viên và hệ thống đã xem hoặc thay đổi dữ liệu của bạn',
  },
} as const;
