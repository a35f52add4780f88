/**
 * The VietQR payload of a payment intent (NAPAS's EMVCo profile): dynamic point of
 * initiation, the receiving bank's BIN and account under NAPAS's AID with service code
 * QRIBFTTA (transfer to an account), currency 704, the exact amount, country VN, the payment
 * code as the purpose in the additional data, and the CRC-16 that closes it. Built with
 * `vietnam-qr-pay`; tests parse it field by field.
 */
import { QRPay } from 'vietnam-qr-pay';
import type { ReceivingAccount } from '../../shared/payments';

export function vietQrPayload(account: Pick<ReceivingAccount, 'bankBin' | 'accountNumber'>, amountVnd: number, paymentCode: string): string {
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) throw new Error('A VietQR payment needs a positive whole amount');
  const qr = QRPay.initVietQR({ bankBin: account.bankBin, bankNumber: account.accountNumber, amount: String(amountVnd), purpose: paymentCode });
  // Dynamic: this code is for one payment of this exact amount.
  qr.initMethod = '12';
  return qr.build();
}
