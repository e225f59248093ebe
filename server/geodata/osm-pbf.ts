// Reads OpenStreetMap PBF (.osm.pbf) blob by blob and keeps the ways a pedestrian may use.
// Format: https://wiki.openstreetmap.org/wiki/PBF_Format (fileformat.proto, osmformat.proto).
// Decoded by hand with mourner's `pbf` reader and node:zlib: only BlobHeader, Blob, HeaderBlock,
// PrimitiveBlock, Node, DenseNodes and Way are needed, so no schema compiler or wrapper library.
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { PbfReader } from 'pbf';
import { OsmCollector, type OsmParseResult } from './osm-collector.ts';
import type { OsmReadOptions } from './osm-xml.ts';

const inflateAsync = promisify(inflate);

/** Limits from the PBF specification. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/** Parses an .osm.pbf file; one decompressed blob (≤ 32 MB) is held at a time. */
export async function parseOsmPbf(path: string, opts: OsmReadOptions = {}): Promise<OsmParseResult> {
  const fh = await open(path, 'r');
  try {
    const totalBytes = (await fh.stat()).size;
    const collector = new OsmCollector();
    let offset = 0;
    let blobs = 0;
    while (offset < totalBytes) {
      const headerLen = (await readExactly(fh, offset, 4)).readUInt32BE(0);
      offset += 4;
      if (headerLen > MAX_HEADER_BYTES) throw new Error(`${path}: not an OSM PBF file (BlobHeader of ${headerLen} bytes)`);
      const header = readBlobHeader(await readExactly(fh, offset, headerLen));
      offset += headerLen;
      if (header.dataSize > MAX_BLOB_BYTES) throw new Error(`${path}: blob of ${header.dataSize} bytes exceeds 32 MB`);
      const data = await decodeBlob(await readExactly(fh, offset, header.dataSize), path);
      offset += header.dataSize;
      if (blobs++ === 0 && header.type !== 'OSMHeader') throw new Error(`${path}: not an OSM PBF file (first blob is '${header.type}')`);
      if (header.type === 'OSMHeader') checkHeaderBlock(data, path);
      else if (header.type === 'OSMData') readPrimitiveBlock(data, collector);
      opts.onProgress?.(offset, totalBytes);
    }
    return collector.finish();
  } finally {
    await fh.close();
  }
}

async function readExactly(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error(`truncated PBF file: wanted ${length} bytes at offset ${position}, got ${bytesRead}`);
  return buf;
}

function readBlobHeader(buf: Uint8Array): { type: string; dataSize: number } {
  return new PbfReader(buf).readFields(
    (tag, h, p) => {
      if (tag === 1) h.type = p.readString();
      else if (tag === 3) h.dataSize = p.readVarint();
    },
    { type: '', dataSize: 0 },
  );
}

/** Blob: 1 raw, 2 raw_size, 3 zlib_data; lzma (4), bzip2 (5), lz4 (6) and zstd (7) are refused. */
async function decodeBlob(buf: Uint8Array, path: string): Promise<Uint8Array> {
  const blob = new PbfReader(buf).readFields(
    (tag, b, p) => {
      if (tag === 1) b.raw = p.readBytes();
      else if (tag === 3) b.zlib = p.readBytes();
      else if (tag >= 4 && tag <= 7) b.other = tag;
    },
    { raw: null as Uint8Array | null, zlib: null as Uint8Array | null, other: 0 },
  );
  if (blob.raw) return blob.raw;
  if (blob.zlib) return new Uint8Array(await inflateAsync(blob.zlib));
  throw new Error(
    `${path}: blob compression #${blob.other} is not supported; re-encode with ` +
      '`osmium cat IN.osm.pbf -o OUT.osm.pbf -f pbf,pbf_compression=zlib`',
  );
}

function checkHeaderBlock(buf: Uint8Array, path: string): void {
  const required = new PbfReader(buf).readFields((tag, r: string[], p) => {
    if (tag === 4) r.push(p.readString());
  }, []);
  const missing = required.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (missing.length > 0) throw new Error(`${path}: needs unsupported PBF features ${missing.join(', ')}`);
}

interface BlockContext {
  strings: string[];
  groups: [number, number][];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/** PrimitiveBlock: 1 stringtable, 2 primitivegroup*, 17 granularity, 19 lat_offset, 20 lon_offset. */
function readPrimitiveBlock(buf: Uint8Array, collector: OsmCollector): void {
  const pbf = new PbfReader(buf);
  const block = pbf.readFields(
    (tag, b: BlockContext, p) => {
      if (tag === 1) p.readMessage((t, s: string[], q) => (t === 1 ? void s.push(q.readString()) : undefined), b.strings);
      else if (tag === 2) {
        const len = p.readVarint();
        b.groups.push([p.pos, p.pos + len]);
        p.pos += len;
      } else if (tag === 17) b.granularity = p.readVarint();
      else if (tag === 19) b.latOffset = p.readVarint(true);
      else if (tag === 20) b.lonOffset = p.readVarint(true);
    },
    { strings: [], groups: [], granularity: 100, latOffset: 0, lonOffset: 0 },
  );
  // Integer nanodegrees divided once, so 584036126 × 100 reads back as exactly 58.4036126.
  const lat = (v: number) => (block.latOffset + block.granularity * v) / 1e9;
  const lon = (v: number) => (block.lonOffset + block.granularity * v) / 1e9;
  for (const [start, end] of block.groups) {
    pbf.pos = start;
    pbf.readFields(
      (tag, _r, p) => {
        if (tag === 1) readNode(p, collector, lat, lon);
        else if (tag === 2) readDenseNodes(p, collector, lat, lon);
        else if (tag === 3) readWay(p, collector, block.strings);
      },
      null,
      end,
    );
  }
}

type Scale = (v: number) => number;

/** Node: 1 sint64 id, 8 sint64 lat, 9 sint64 lon (tags are not needed). */
function readNode(p: PbfReader, collector: OsmCollector, lat: Scale, lon: Scale): void {
  const n = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readSVarint();
      else if (tag === 8) r.lat = q.readSVarint();
      else if (tag === 9) r.lon = q.readSVarint();
    },
    { id: 0, lat: 0, lon: 0 },
  );
  collector.addNode(n.id, lon(n.lon), lat(n.lat));
}

/** DenseNodes: 1 packed sint64 id, 8 lat, 9 lon, each delta-coded. */
function readDenseNodes(p: PbfReader, collector: OsmCollector, lat: Scale, lon: Scale): void {
  const d = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) q.readPackedSVarint(r.ids);
      else if (tag === 8) q.readPackedSVarint(r.lats);
      else if (tag === 9) q.readPackedSVarint(r.lons);
    },
    { ids: [] as number[], lats: [] as number[], lons: [] as number[] },
  );
  let id = 0;
  let la = 0;
  let lo = 0;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i]!;
    la += d.lats[i] ?? 0;
    lo += d.lons[i] ?? 0;
    collector.addNode(id, lon(lo), lat(la));
  }
}

/** Way: 1 int64 id, 2 packed keys, 3 packed vals (string-table indices), 8 packed sint64 refs (delta). */
function readWay(p: PbfReader, collector: OsmCollector, strings: string[]): void {
  const w = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readVarint(true);
      else if (tag === 2) q.readPackedVarint(r.keys);
      else if (tag === 3) q.readPackedVarint(r.vals);
      else if (tag === 8) q.readPackedSVarint(r.refs);
    },
    { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] },
  );
  const tags = new Map<string, string>();
  for (let i = 0; i < w.keys.length; i++) tags.set(strings[w.keys[i]!] ?? '', strings[w.vals[i] ?? 0] ?? '');
  let ref = 0;
  for (let i = 0; i < w.refs.length; i++) w.refs[i] = ref += w.refs[i]!;
  collector.addWay(w.id, w.refs, tags);
}
