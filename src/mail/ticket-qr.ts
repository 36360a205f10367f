import QRCode from 'qrcode';
import { crc32, deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The ticket's QR code as a PNG: black modules on white, `scale` pixels per module, a 4-module quiet zone.
 * The `qrcode` package computes the matrix; the PNG is written here because its own PNG writer takes
 * around 100 ms per code, and this runs inside the sign-up transaction. Grayscale, no filtering: ~1 ms.
 */
export function ticketQrPng(text: string, scale = 8): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = (modules.size + 2 * quiet) * scale;
  const row = Buffer.alloc(side + 1, 0xff);
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const moduleRow = Math.floor(y / scale) - quiet;
    const line = Buffer.from(row);
    line[0] = 0; // filter: none
    if (moduleRow >= 0 && moduleRow < modules.size) {
      for (let column = 0; column < modules.size; column++) {
        if (!modules.get(moduleRow, column)) continue;
        line.fill(0x00, 1 + (column + quiet) * scale, 1 + (column + quiet + 1) * scale);
      }
    }
    rows.push(line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}
