/** SMS texts. Vietnamese first: most residents read it, and a phone preview shows the start. */
export function otpMessage(code: string, validMinutes: number): string {
  return (
    `Kiot: Mã đăng nhập của bạn là ${code}, hiệu lực ${validMinutes} phút. Không chia sẻ mã này với bất kỳ ai. ` +
    `/ Your Kiot login code is ${code}, valid for ${validMinutes} minutes. Do not share it with anyone.`
  );
}

/** The code that proves a phone change, to the new number or the current one. */
export function contactChangeCodeMessage(code: string, validMinutes: number, target: 'old' | 'new'): string {
  const vi = target === 'new' ? 'xác nhận số điện thoại mới' : 'xác nhận đổi số điện thoại của bạn';
  const en = target === 'new' ? 'confirm your new phone number' : 'confirm the change of your phone number';
  return (
    `Kiot: Mã ${code} để ${vi}, hiệu lực ${validMinutes} phút. Không chia sẻ mã này. ` +
    `/ Kiot: code ${code} to ${en}, valid for ${validMinutes} minutes. Do not share it.`
  );
}

/** Sent to the old number once the change is made, so a change the resident did not make is noticed. */
export function phoneChangedNoticeMessage(maskedNewPhone: string, date: string): string {
  return (
    `Kiot: Số điện thoại đăng nhập của bạn đã được đổi sang ${maskedNewPhone} ngày ${date}. Nếu không phải bạn, hãy báo ngay ban quản lý. ` +
    `/ Kiot: your login phone number was changed to ${maskedNewPhone} on ${date}. If this was not you, tell the management office at once.`
  );
}

/**
 * The last message a resident gets after their deletion ran: to the number they had, read
 * just before it was erased. It names no one, so it says nothing to whoever holds the phone now.
 */
export function erasureFinalNoticeMessage(date: string): string {
  return (
    `Kiot: Theo yêu cầu của bạn, dữ liệu cá nhân của bạn đã được xóa ngày ${date}. Hóa đơn đã thanh toán được giữ theo luật kế toán, không còn gắn với bạn. ` +
    `/ Kiot: as you asked, your personal data was erased on ${date}. Paid bills are kept as accounting law requires, no longer linked to you.`
  );
}

/** The fresh code that confirms a deletion request: says plainly what it confirms, so a resident who did not ask notices. */
export function deletionCodeMessage(code: string, validMinutes: number): string {
  return (
    `Kiot: Mã xác nhận yêu cầu XÓA dữ liệu cá nhân của bạn là ${code}, hiệu lực ${validMinutes} phút. Nếu bạn không yêu cầu, hãy bỏ qua và báo ban quản lý. ` +
    `/ Kiot: your code to confirm your request to DELETE your personal data is ${code}, valid for ${validMinutes} minutes. If you did not ask, ignore it and tell the management office.`
  );
}

/** The second step of a staff sign-in at a manager workstation. */
export function staffSignInCodeMessage(code: string, validMinutes: number): string {
  return (
    `Kiot: Mã đăng nhập bảng quản lý của bạn là ${code}, hiệu lực ${validMinutes} phút. Không chia sẻ mã này với bất kỳ ai. ` +
    `/ Your Kiot manager console sign-in code is ${code}, valid for ${validMinutes} minutes. Do not share it with anyone.`
  );
}
