import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { JSX } from 'react';

/**
 * The code as a QR image for a device's camera: an SVG made here (no canvas needed) and shown as
 * a data URL, which the console's CSP allows for images.
 */
export function EnrollmentCodeQr({ code, label }: { code: string; label: string }): JSX.Element | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        // The code is on screen as text as well; without the image nothing is lost.
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [code]);
  return src === null ? null : <img className="enrollment-qr" src={src} alt={label} width={180} height={180} data-testid="enrollment-qr" />;
}
