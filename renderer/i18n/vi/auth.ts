/** Signing in: the phone number and confirmation code screens. */
export const auth = {
  phone: {
    title: 'Nhập số điện thoại của bạn',
    hint: 'Chúng tôi sẽ gửi mã xác nhận qua tin nhắn SMS.',
    placeholder: 'Số điện thoại',
    displayLabel: 'Số điện thoại đã nhập',
    submit: 'Gửi mã',
    sending: 'Đang gửi mã…',
    invalid: 'Số điện thoại không hợp lệ. Vui lòng kiểm tra lại.',
  },
  code: {
    title: 'Nhập mã xác nhận',
    sentTo: 'Mã đã gửi tới {{phone}}',
    sentToYourPhone: 'Mã đã được gửi tới điện thoại của bạn',
    displayLabel: 'Mã xác nhận: đã nhập {{n}} trên 6 số',
    verifying: 'Đang kiểm tra mã…',
    wrong_other: 'Mã không đúng. Còn {{count}} lần thử.',
    wrongNoCount: 'Mã không đúng. Vui lòng thử lại.',
    locked: 'Bạn đã nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.',
    expired: 'Mã đã hết hạn. Vui lòng yêu cầu mã mới.',
    resend: 'Gửi lại mã',
    resendIn: 'Gửi lại mã sau {{n}} giây',
    requestNew: 'Yêu cầu mã mới',
    resent: 'Đã gửi mã mới.',
    changeNumber: 'Đổi số điện thoại',
  },
} as const;
