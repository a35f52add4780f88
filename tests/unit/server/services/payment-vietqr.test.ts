/**
 * The VietQR payload, checked against the NAPAS/EMVCo layout with a TLV parser and a CRC
 * written here (not the library's): every field, the CRC of a published example, and the
 * QR image decoded back to the same text.
 */
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { vietQrPayload } from '../../../../server/services/vietqr';

/** EMVCo data objects: two-digit id, two-digit length, value. */
function tlv(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length)) throw new Error(`Bad TLV at ${at}`);
    fields.set(id, text.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  if (at !== text.length) throw new Error('TLV overruns the text');
  return fields;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo's field 63 uses it, upper-case hex. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const field = (id: string, value: string): string => `${id}${String(value.length).padStart(2, '0')}${value}`;

describe('VietQR payload', () => {
  const account = { bankBin: '970436', accountNumber: '1023456789' };
  const payload = vietQrPayload(account, 1_250_000, 'KT7QX2M9PA');

  it('has every NAPAS field: dynamic, Vietcombank BIN and account, QRIBFTTA, 704, the exact amount, VN, the code as purpose', () => {
    const root = tlv(payload);
    expect([...root.keys()]).toEqual(['00', '01', '38', '53', '54', '58', '62', '63']);
    expect(root.get('00')).toBe('01');
    // 12: point of initiation dynamic (one payment of this amount).
    expect(root.get('01')).toBe('12');
    const merchant = tlv(root.get('38')!);
    expect(merchant.get('00')).toBe('A000000727');
    const beneficiary = tlv(merchant.get('01')!);
    expect(Object.fromEntries(beneficiary)).toEqual({ '00': '970436', '01': '1023456789' });
    expect(merchant.get('02')).toBe('QRIBFTTA');
    expect(root.get('53')).toBe('704');
    expect(root.get('54')).toBe('1250000');
    expect(root.get('58')).toBe('VN');
    expect(Object.fromEntries(tlv(root.get('62')!))).toEqual({ '08': 'KT7QX2M9PA' });
    // The CRC covers everything before it, its own id and length included.
    expect(root.get('63')).toBe(crc16(payload.slice(0, -4)));
  });

  it('is exactly the text assembled by hand from the specification', () => {
    const body =
      field('00', '01') +
      field('01', '12') +
      field('38', field('00', 'A000000727') + field('01', field('00', '970436') + field('01', '1023456789')) + field('02', 'QRIBFTTA')) +
      field('53', '704') +
      field('54', '1250000') +
      field('58', 'VN') +
      field('62', field('08', 'KT7QX2M9PA')) +
      '6304';
    expect(payload).toBe(body + crc16(body));
  });

  it("matches a published dynamic example (ACB 970416, account 257678859, 10.000 ₫, 'Chuyen tien'; CRC 53E6)", () => {
    const published = '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';
    expect(crc16(published.slice(0, -4))).toBe('53E6');
    expect(vietQrPayload({ bankBin: '970416', accountNumber: '257678859' }, 10_000, 'Chuyen tien')).toBe(published);
  });

  it('changes its CRC when any character changes', () => {
    const other = vietQrPayload(account, 1_250_001, 'KT7QX2M9PA');
    expect(tlv(other).get('63')).not.toBe(tlv(payload).get('63'));
    expect(tlv(other).get('63')).toBe(crc16(other.slice(0, -4)));
  });

  it('refuses an amount that is not a positive whole number of đồng', () => {
    expect(() => vietQrPayload(account, 0, 'KT7QX2M9PA')).toThrow();
    expect(() => vietQrPayload(account, 10.5, 'KT7QX2M9PA')).toThrow();
  });

  it('draws as a QR code that a decoder reads back to the same payload', () => {
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const scale = 6;
    const quiet = 4;
    const size = (qr.modules.size + 2 * quiet) * scale;
    const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
    for (let y = 0; y < qr.modules.size; y++) {
      for (let x = 0; x < qr.modules.size; x++) {
        if (!qr.modules.get(x, y)) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const at = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
            pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
          }
        }
      }
    }
    expect(jsQR(pixels, size, size)?.data).toBe(payload);
  });
});
