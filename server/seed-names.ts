/**
 * Vietnamese name parts for the demo building, with family names weighted roughly by how
 * common they are (Nguyễn alone is close to four in ten).
 */
export const familyNames: readonly [string, number][] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3.5],
  ['Huỳnh', 2],
  ['Phan', 4.5],
  ['Vũ', 2.5],
  ['Võ', 1.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.7],
  ['Trịnh', 0.6],
  ['Mai', 0.5],
  ['Cao', 0.4],
  ['Lương', 0.4],
  ['Tạ', 0.3],
];

export const maleMiddleNames: readonly string[] = ['Văn', 'Văn', 'Văn', 'Minh', 'Đức', 'Quang', 'Hữu', 'Thành', 'Công', 'Xuân', 'Tiến', 'Trọng', 'Gia', 'Anh'];
export const femaleMiddleNames: readonly string[] = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Phương', 'Hồng', 'Kim', 'Minh', 'Bích', 'Diệu', 'Khánh', 'Mỹ'];

export const maleGivenNames: readonly string[] = [
  'An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Giang', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy',
  'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc',
  'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tú', 'Tuấn', 'Việt', 'Vinh',
];

export const femaleGivenNames: readonly string[] = [
  'Anh', 'Châu', 'Chi', 'Dung', 'Diệp', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Huệ', 'Hương', 'Lan',
  'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy',
  'Trang', 'Trâm', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến',
];

/** Mobile prefixes after +84 (Viettel, MobiFone, VinaPhone, Vietnamobile). */
export const mobilePrefixes: readonly string[] = [
  '90', '91', '93', '94', '96', '97', '98', '32', '33', '34', '35', '36', '37', '38', '39',
  '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '86', '88', '89',
];
