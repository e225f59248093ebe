// Stable report ids for imports, so the same file imported twice stores each report once:
// a name-based UUID (RFC 9562 version 3: MD5 of a name — an identifier, not a security measure)
// of the source's own id when it has one, else of the row's content and its occurrence among
// identical rows.
import { hash } from 'node:crypto';

const md5 = (text: string): Buffer => hash('md5', text, 'buffer') as unknown as Buffer;
import type { ReportInput } from '../domain/report.ts';

function uuidFromDigest(d: Buffer): string {
  d[6] = (d[6]! & 0x0f) | 0x30;
  d[8] = (d[8]! & 0x3f) | 0x80;
  const h = d.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Returns a function giving each row its id; identical rows get distinct, repeatable ids. */
export function makeImportIds(namespace = 'trygghetskartan-import'): (input: ReportInput, externalId: string | null) => string {
  const seen = new Map<string, number>();
  return (r, externalId) => {
    if (externalId) return uuidFromDigest(md5(`${namespace}\0ext\0${r.source}\0${externalId}`));
    const name = `${namespace}\0${r.category}\0${r.lat}\0${r.lon}\0${r.observedAt?.getTime() ?? ''}\0${r.observedFrom?.getTime() ?? ''}\0${r.observedTo?.getTime() ?? ''}\0${r.source}\0${r.description ?? ''}`;
    const key = md5(name);
    const k = key.toString('latin1');
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return uuidFromDigest(n === 0 ? key : md5(`${name}\0#${n}`));
  };
}
