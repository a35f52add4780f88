/** The console's emergency broadcast page. */
export const consoleBroadcast = {
  nav: 'Thông báo khẩn',
  title: 'Thông báo khẩn cấp',
  help: 'Thông báo hiện toàn màn hình trên mọi kiosk của tòa nhà, bằng cả tiếng Việt và tiếng Anh, cho tới khi bạn kết thúc. Cư dân đang dùng kiosk sẽ được đăng xuất.',
  live: {
    title: 'Đang phát trên các kiosk',
    none: 'Không có thông báo khẩn nào đang phát.',
    since: 'Bắt đầu lúc {{at}}',
    end: 'Kết thúc thông báo',
    ending: 'Đang kết thúc…',
    endReason: 'Lý do kết thúc (không bắt buộc)',
  },
  form: {
    titleVi: 'Tiêu đề (tiếng Việt)',
    titleEn: 'Tiêu đề (tiếng Anh)',
    bodyVi: 'Nội dung (tiếng Việt)',
    bodyEn: 'Nội dung (tiếng Anh)',
    reason: 'Lý do (ghi vào nhật ký, không hiện trên kiosk)',
    submit: 'Xem lại trước khi phát',
    missing: 'Hãy điền đủ tiêu đề và nội dung bằng cả hai thứ tiếng, và lý do.',
  },
  confirm: {
    question: 'Phát thông báo này lên mọi kiosk của tòa nhà ngay bây giờ?',
    yes: 'Phát ngay',
    working: 'Đang phát…',
    no: 'Quay lại sửa',
  },
  error: {
    forbidden: 'Chỉ quản lý và quản trị viên được phát thông báo khẩn.',
    wrongState: 'Đang có một thông báo khẩn khác. Hãy kết thúc nó trước.',
    notFound: 'Thông báo này đã kết thúc.',
  },
} as const;
