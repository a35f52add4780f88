/** SMS texts. Vietnamese first: most residents read it, and a phone preview shows the start. */
export function otpMessage(code: string, validMinutes: number): string {
  return (
    `Kiot: Mã đăng nhập của bạn là ${code}, hiệu lực ${validMinutes} phút. Không chia sẻ mã này với bất kỳ ai. ` +
    `/ Your Kiot login code is ${code}, valid for ${validMinutes} minutes. Do not share it with anyone.`
  );
}
