// Re-encodes an uploaded photo with sharp (libvips): applies the EXIF orientation, shrinks it
// to at most STORED_PHOTO_EDGE_PX, and writes a fresh JPEG with no metadata (no EXIF, GPS,
// XMP, IPTC or ICC) — sharp drops all metadata unless asked to keep it.
import sharp from 'sharp';
import { HttpProblem } from '../http/problem.ts';
import type { ProblemCode } from '../http/problem-codes.ts';
import { STORED_PHOTO_EDGE_PX, STORED_PHOTO_QUALITY, photoProblem, sniffPhotoType } from '../domain/photo-policy.ts';

export interface EncodedPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg';
  widthPx: number;
  heightPx: number;
}

/** Limit on decoded pixels: a 10 MB file may not expand into a decompression bomb. */
const MAX_INPUT_PIXELS = 50_000_000;

function photoRefused(status: number, code: ProblemCode, detail: string): HttpProblem {
  const params = code === 'photo-too-large' ? { maxMb: 10 } : undefined;
  return new HttpProblem(status, detail, { code, errors: [{ path: 'photo', message: detail, code, ...(params ? { params } : {}) }], ...(params ? { extensions: params } : {}) });
}

export async function reencodePhoto(input: Uint8Array): Promise<EncodedPhoto> {
  const problem = photoProblem(input);
  if (problem) throw photoRefused(problem.status, problem.code, problem.detail);
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: STORED_PHOTO_EDGE_PX, height: STORED_PHOTO_EDGE_PX, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: STORED_PHOTO_QUALITY, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: 'image/jpeg', widthPx: info.width, heightPx: info.height };
  } catch {
    const heic = sniffPhotoType(input) === 'heic';
    const detail = heic
      ? 'HEIC photos cannot be read by this server. Choose the photo again from the browser (it converts to JPEG), or set the camera to "Most compatible".'
      : 'The photo could not be read; it may be damaged. Try another photo, or send the report without one.';
    throw photoRefused(415, heic ? 'photo-heic-unreadable' : 'photo-unreadable', detail);
  }
}
