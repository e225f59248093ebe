// Re-encodes an uploaded photo with sharp (libvips): applies the EXIF orientation, shrinks it
// to at most STORED_PHOTO_EDGE_PX, and writes a fresh JPEG with no metadata (no EXIF, GPS,
// XMP, IPTC or ICC) — sharp drops all metadata unless asked to keep it.
import sharp from 'sharp';
import { HttpProblem } from '../http/problem.ts';
import { STORED_PHOTO_EDGE_PX, STORED_PHOTO_QUALITY, photoProblem, sniffPhotoType } from '../domain/photo-policy.ts';

export interface EncodedPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg';
  widthPx: number;
  heightPx: number;
}

/** Limit on decoded pixels: a 10 MB file may not expand into a decompression bomb. */
const MAX_INPUT_PIXELS = 50_000_000;

export async function reencodePhoto(input: Uint8Array): Promise<EncodedPhoto> {
  const problem = photoProblem(input);
  if (problem) throw new HttpProblem(problem.includes('MB') ? 413 : 415, problem, { errors: [{ path: 'photo', message: problem }] });
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
    throw new HttpProblem(415, detail, { errors: [{ path: 'photo', message: detail }] });
  }
}
