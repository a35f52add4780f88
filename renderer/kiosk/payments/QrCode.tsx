import { create } from 'qrcode/lib/core/qrcode';
import { useMemo } from 'react';
import type { JSX } from 'react';

export type QrCodeProps = {
  payload: string;
  /** The accessible name: what the code pays, in words. */
  label: string;
};

/** Quiet zone around the symbol, in modules: the QR standard asks for four. */
const QUIET = 4;

/**
 * A QR code drawn as one SVG path from the module matrix of `qrcode`'s encoder (imported alone:
 * the package's canvas and data-URL renderers are never used, so never loaded): sharp at any size,
 * no canvas, no image data URL (the kiosk's CSP stays strict), and the same in tests.
 */
export function QrCode({ payload, label }: QrCodeProps): JSX.Element {
  const { size, path } = useMemo(() => {
    // Medium error correction: survives a smudged screen and glare, and stays coarse enough to scan from arm's length.
    const { modules } = create(payload, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    let d = '';
    for (let row = 0; row < n; row += 1) {
      for (let col = 0; col < n; col += 1) {
        if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    return { size: n + 2 * QUIET, path: d };
  }, [payload]);
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} data-testid="pay-qr" shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
