// WOFF 1.0 → plain TrueType/OpenType (sfnt), once at start-up: the PDF embeds Noto Sans from
// @fontsource/noto-sans, which ships WOFF only; pdfkit (fontkit) would otherwise inflate every
// table again for each document. Format: W3C "WOFF File Format 1.0", §3–5.
import { inflateSync } from 'node:zlib';

export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const o = 44 + i * 20;
    return { tag: woff.readUInt32BE(o), offset: woff.readUInt32BE(o + 4), compLength: woff.readUInt32BE(o + 8), origLength: woff.readUInt32BE(o + 12), checksum: woff.readUInt32BE(o + 16) };
  });
  const data = tables.map((t) => {
    const raw = woff.subarray(t.offset, t.offset + t.compLength);
    return t.compLength < t.origLength ? inflateSync(raw) : raw;
  });
  // sfnt header: search range fields per the OpenType spec.
  let pow = 1;
  let log = 0;
  while (pow * 2 <= numTables) [pow, log] = [pow * 2, log + 1];
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(log, 8);
  header.writeUInt16BE(numTables * 16 - pow * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const d = data[i]!;
    const o = 12 + i * 16;
    header.writeUInt32BE(t.tag, o);
    header.writeUInt32BE(t.checksum, o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(d.length, o + 12);
    const padded = (d.length + 3) & ~3;
    parts.push(d, Buffer.alloc(padded - d.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}
