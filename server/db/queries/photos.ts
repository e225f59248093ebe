// Report photos (re-encoded JPEG bytes in bytea): store and read back.
import type { Sql, Tx } from '../sql.ts';
import type { EncodedPhoto } from '../../resident/reencode-photo.ts';

export async function insertPhoto(tx: Sql | Tx, id: string, reportId: string, p: EncodedPhoto): Promise<void> {
  await tx`insert into report_photos (id, report_id, content_type, width_px, height_px, bytes)
           values (${id}, ${reportId}, ${p.contentType}, ${p.widthPx}, ${p.heightPx}, ${p.bytes})`;
}

export interface PhotoMeta {
  id: string;
  widthPx: number;
  heightPx: number;
}

export async function listPhotoMeta(sql: Sql, reportIds: readonly string[]): Promise<Map<string, PhotoMeta[]>> {
  const out = new Map<string, PhotoMeta[]>();
  if (reportIds.length === 0) return out;
  const rows = await sql<(PhotoMeta & { reportId: string })[]>`
    select id, report_id as "reportId", width_px as "widthPx", height_px as "heightPx"
    from report_photos where report_id in ${sql(reportIds as string[])} order by created_at`;
  for (const { reportId, ...meta } of rows) out.set(reportId, [...(out.get(reportId) ?? []), meta]);
  return out;
}

export async function getPhoto(sql: Sql, id: string): Promise<{ contentType: string; bytes: Buffer; reportId: string } | null> {
  const [row] = await sql<{ contentType: string; bytes: Buffer; reportId: string }[]>`
    select content_type as "contentType", bytes, report_id as "reportId" from report_photos where id = ${id}`;
  return row ?? null;
}
