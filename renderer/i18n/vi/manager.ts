/** The management console (manager mode). */
export const manager = {
  title: 'Bảng điều khiển quản lý',
  nav: {
    label: 'Điều hướng',
    overview: 'Tổng quan',
  },
  overview: {
    title: 'Tổng quan',
    loading: 'Đang tải…',
    device: 'Thiết bị này',
    building: 'Tòa nhà',
    version: 'Phiên bản',
    mode: 'Chế độ',
    notice: 'Đăng nhập cho nhân viên và các màn hình quản lý chưa có trong phiên bản này.',
  },
  mode: {
    kiosk: 'Kiosk cư dân',
    manager: 'Máy quản lý',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Trang này không có trong bảng điều khiển.',
    home: 'Về trang tổng quan',
  },
} as const;
