// A QR symbol as one SVG path (dark modules), drawn by our own markup — no remote or inline HTML.
import QRCode from 'qrcode';

export interface QrSymbol {
  size: number;
  path: string;
}

export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (modules.get(row, col)) path += `M${col} ${row}h1v1h-1z`;
    }
  }
  return { size, path };
}
