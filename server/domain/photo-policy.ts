// Which uploaded photos are accepted: type by magic bytes (never by the file name or the
// client's Content-Type), size limit, and the size the stored copy is reduced to.

/** Largest upload accepted, in bytes (the brief: ≤ 10 MB). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The stored copy's longest edge, in pixels: enough to see a broken lamp, too small for faces far off. */
export const STORED_PHOTO_EDGE_PX = 1600;
/** JPEG quality of the stored copy (mozjpeg scale 1–100). */
export const STORED_PHOTO_QUALITY = 80;

export type PhotoType = 'jpeg' | 'png' | 'heic' | 'avif';

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** The image type from the file's first bytes, or null when it is none we take. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) return 'png';
  // ISO-BMFF: "ftyp" at offset 4, then the major brand.
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
    if (brand === 'avif' || brand === 'avis') return 'avif';
  }
  return null;
}

/** Why an upload is refused (a problem code, its HTTP status and detail), or null when it may be decoded. */
export function photoProblem(bytes: Uint8Array): { code: 'photo-empty' | 'photo-too-large' | 'photo-type'; status: 413 | 415; detail: string } | null {
  if (bytes.length === 0) return { code: 'photo-empty', status: 415, detail: 'The photo file is empty.' };
  if (bytes.length > MAX_PHOTO_BYTES) return { code: 'photo-too-large', status: 413, detail: `The photo is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most 10 MB is accepted.` };
  if (!sniffPhotoType(bytes)) return { code: 'photo-type', status: 415, detail: 'The photo must be a JPEG, PNG or HEIC image.' };
  return null;
}
