// Reads OpenStreetMap PBF (.osm.pbf) blob by blob into an OsmSink (nodes with tags, ways, relations).
// Format: https://wiki.openstreetmap.org/wiki/PBF_Format (fileformat.proto, osmformat.proto).
// Decoded by hand with mourner's `pbf` reader and node:zlib: only BlobHeader, Blob, HeaderBlock,
// PrimitiveBlock, Node, DenseNodes, Way and Relation are needed, so no schema compiler or wrapper library.
import { open, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { PbfReader } from 'pbf';
import { OsmCollector, type OsmParseResult } from './osm-collector.ts';
import type { OsmMember, OsmReadOptions, OsmSink } from './osm-sink.ts';

const inflateAsync = promisify(inflate);

/** Limits from the PBF specification. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/** Parses an .osm.pbf file into the walkable ways (import-streets). */
export async function parseOsmPbf(path: string, opts: OsmReadOptions = {}): Promise<OsmParseResult> {
  const collector = new OsmCollector();
  await readOsmPbf(path, collector, opts);
  return collector.finish();
}

/** Streams an .osm.pbf file into a sink; one decompressed blob (≤ 32 MB) is held at a time. */
export async function readOsmPbf(path: string, sink: OsmSink, opts: OsmReadOptions = {}): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const totalBytes = (await fh.stat()).size;
    if (totalBytes === 0) throw new Error(`${path} is empty`);
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
      else if (header.type === 'OSMData') readPrimitiveBlock(data, sink, opts.skipNodes === true);
      opts.onProgress?.(offset, totalBytes);
    }
  } finally {
    await fh.close();
  }
}

async function readExactly(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error(`truncated PBF file: wanted ${length} bytes at offset ${position}, got ${bytesRead} (the file ends early)`);
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
  if (blob.zlib) {
    try {
      return new Uint8Array(await inflateAsync(blob.zlib));
    } catch (e) {
      throw new Error(`${path}: a data blob does not decompress (${(e as Error).message}): the file is damaged or truncated`);
    }
  }
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
function readPrimitiveBlock(buf: Uint8Array, sink: OsmSink, skipNodes: boolean): void {
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
        if (skipNodes && (tag === 1 || tag === 2)) p.pos = p.readVarint() + p.pos;
        else if (tag === 1) readNode(p, sink, lat, lon, block.strings);
        else if (tag === 2) readDenseNodes(p, sink, lat, lon, block.strings);
        else if (tag === 3) readWay(p, sink, block.strings);
        else if (tag === 4 && sink.addRelation) readRelation(p, sink, block.strings);
      },
      null,
      end,
    );
  }
}

type Scale = (v: number) => number;

function tagsOf(keys: number[], vals: number[], strings: string[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) tags.set(strings[keys[i]!] ?? '', strings[vals[i] ?? 0] ?? '');
  return tags;
}

/** Node: 1 sint64 id, 2 packed keys, 3 packed vals, 8 sint64 lat, 9 sint64 lon. */
function readNode(p: PbfReader, sink: OsmSink, lat: Scale, lon: Scale, strings: string[]): void {
  const n = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readSVarint();
      else if (tag === 2) q.readPackedVarint(r.keys);
      else if (tag === 3) q.readPackedVarint(r.vals);
      else if (tag === 8) r.lat = q.readSVarint();
      else if (tag === 9) r.lon = q.readSVarint();
    },
    { id: 0, lat: 0, lon: 0, keys: [] as number[], vals: [] as number[] },
  );
  sink.addNode(n.id, lon(n.lon), lat(n.lat), n.keys.length > 0 ? tagsOf(n.keys, n.vals, strings) : null);
}

/** DenseNodes: 1 packed sint64 id, 8 lat, 9 lon, each delta-coded; 10 keys_vals (k v k v … 0 per node). */
function readDenseNodes(p: PbfReader, sink: OsmSink, lat: Scale, lon: Scale, strings: string[]): void {
  const d = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) q.readPackedSVarint(r.ids);
      else if (tag === 8) q.readPackedSVarint(r.lats);
      else if (tag === 9) q.readPackedSVarint(r.lons);
      else if (tag === 10) q.readPackedVarint(r.kv);
    },
    { ids: [] as number[], lats: [] as number[], lons: [] as number[], kv: [] as number[] },
  );
  let id = 0;
  let la = 0;
  let lo = 0;
  let k = 0;
  const kv = d.kv;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i]!;
    la += d.lats[i] ?? 0;
    lo += d.lons[i] ?? 0;
    let tags: Map<string, string> | null = null;
    if (k < kv.length) {
      while (kv[k] !== 0 && k + 1 < kv.length) {
        (tags ??= new Map()).set(strings[kv[k]!] ?? '', strings[kv[k + 1]!] ?? '');
        k += 2;
      }
      k++; // the 0 delimiter
    }
    sink.addNode(id, lon(lo), lat(la), tags);
  }
}

/** Way: 1 int64 id, 2 packed keys, 3 packed vals (string-table indices), 8 packed sint64 refs (delta). */
function readWay(p: PbfReader, sink: OsmSink, strings: string[]): void {
  const w = p.readMessage(
    (tag, r, q) => {
      if (tag === 1) r.id = q.readVarint(true);
      else if (tag === 2) q.readPackedVarint(r.keys);
      else if (tag === 3) q.readPackedVarint(r.vals);
      else if (tag === 8) q.readPackedSVarint(r.refs);
    },
    { id: 0, keys: [] as number[], vals: [] as number[], refs: [] as number[] },
  );
  let ref = 0;
  for (let i = 0; i < w.refs.length; i++) w.refs[i] = ref += w.refs[i]!;
  sink.addWay(w.id, w.refs, tagsOf(w.keys, w.vals, strings));
}

const MEMBER_TYPES = ['n', 'w', 'r'] as const;

/** Relation: 1 int64 id, 2 keys, 3 vals, 8 packed roles_sid, 9 packed sint64 memids (delta), 10 packed types. */
function readRelation(p: PbfReader, sink: OsmSink, strings: string[]): void {
  const r = p.readMessage(
    (tag, o, q) => {
      if (tag === 1) o.id = q.readVarint(true);
      else if (tag === 2) q.readPackedVarint(o.keys);
      else if (tag === 3) q.readPackedVarint(o.vals);
      else if (tag === 8) q.readPackedVarint(o.roles);
      else if (tag === 9) q.readPackedSVarint(o.memids);
      else if (tag === 10) q.readPackedVarint(o.types);
    },
    { id: 0, keys: [] as number[], vals: [] as number[], roles: [] as number[], memids: [] as number[], types: [] as number[] },
  );
  const members: OsmMember[] = [];
  let ref = 0;
  for (let i = 0; i < r.memids.length; i++) {
    ref += r.memids[i]!;
    members.push({ type: MEMBER_TYPES[r.types[i] ?? 0] ?? 'n', ref, role: strings[r.roles[i] ?? 0] ?? '' });
  }
  sink.addRelation!(r.id, members, tagsOf(r.keys, r.vals, strings));
}
