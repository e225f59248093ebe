// A small JPEG carrying EXIF with a camera model and GPS position, made in memory with sharp.
import sharp from 'sharp';

export async function makeGpsJpeg(widthPx = 2400, heightPx = 1800): Promise<Buffer> {
  return sharp({ create: { width: widthPx, height: heightPx, channels: 3, background: '#6a8f7a' } })
    .jpeg({ quality: 70 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'GPS-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '58/1 24/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '15/1 33/1 5250/100' },
    })
    .toBuffer();
}

/** Whether a JPEG still carries any metadata block (EXIF APP1, XMP, ICC, IPTC). */
export async function hasMetadata(jpeg: Uint8Array): Promise<boolean> {
  const m = await sharp(jpeg).metadata();
  return Boolean(m.exif || m.xmp || m.icc || m.iptc) || Buffer.from(jpeg).includes('Exif\0');
}
