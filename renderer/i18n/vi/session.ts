/** A signed-in visit: the greeting, signing out, and "Are you still there?". */
export const session = {
  hello: 'Xin chào,',
  unit: 'Căn hộ {{unit}}',
  signOut: 'Đăng xuất',
  countdown: {
    title: 'Bạn còn ở đó không?',
    body: 'Để bảo vệ thông tin của bạn, phiên sẽ tự kết thúc sau',
    seconds_other: 'giây',
    continue: 'Tiếp tục',
    endNow: 'Kết thúc ngay',
  },
} as const;
