// The parts of the tile cache without a database: the held map version (map-version.ts), the
// byte-bounded tile memory (tile-memory.ts) and the batched write queue (tile-write-queue.ts).
import { describe, expect, it } from 'vitest';
import { makeVersionCache } from '../../server/tiles/map-version.ts';
import { makeTileMemory, tileBytes } from '../../server/tiles/tile-memory.ts';
import { makeTileWriteQueue } from '../../server/tiles/tile-write-queue.ts';
import { packTile } from '../../server/tiles/tile-builder.ts';
import type { TileAt } from '../../server/db/queries/map-tiles.ts';

function versionSetup() {
  const state = { db: 'v1', reads: 0, clock: 0, generation: 0 };
  const cache = makeVersionCache(async () => (state.reads++, state.db), { ttlMs: 1000, now: () => state.clock, generation: () => state.generation });
  return { state, cache };
}

describe('map version cache', () => {
  it('reads the database once per ttlMs while nothing changes', async () => {
    const { state, cache } = versionSetup();
    expect(cache.peek()).toBeNull();
    expect(await cache.current()).toBe('v1');
    state.clock = 999;
    expect(await cache.current()).toBe('v1');
    expect(cache.peek()).toBe('v1');
    expect(state.reads).toBe(1);
    state.clock = 1000;
    expect(cache.peek()).toBeNull();
    state.db = 'v2';
    expect(await cache.current()).toBe('v2');
    expect(state.reads).toBe(2);
  });

  it('reads again at once after a change is announced in this process', async () => {
    const { state, cache } = versionSetup();
    await cache.current();
    state.db = 'v2';
    state.generation++;
    expect(cache.peek()).toBeNull();
    expect(await cache.current()).toBe('v2');
  });

  it('reads again for a ?v= it does not hold, but not for one it saw superseded', async () => {
    const { state, cache } = versionSetup();
    await cache.current();
    state.db = 'v2'; // another process imported
    expect(cache.peek('v2')).toBeNull();
    expect(await cache.current('v2')).toBe('v2');
    expect(state.reads).toBe(2);
    expect(cache.peek('v1')).toBe('v2'); // an old style's tile URL: answered with the current version
    expect(await cache.current('v1')).toBe('v2');
    expect(await cache.current('garbage')).toBe('v2'); // unknown: read, still v2
    expect(state.reads).toBe(3);
  });

  it('does not join a read that started before an announced change', async () => {
    const state = { db: 'v1', generation: 0 };
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const cache = makeVersionCache(async () => {
      const seen = state.db;
      if (first) (first = false), await gate;
      return seen;
    }, { ttlMs: 1000, now: () => 0, generation: () => state.generation });
    const early = cache.current();
    state.db = 'v2';
    state.generation++;
    const late = cache.current();
    release();
    expect(await early).toBe('v1');
    expect(await late).toBe('v2');
  });
});

describe('tile memory', () => {
  const tile = (n: number) => packTile(new Uint8Array(n).map((_, i) => (i * 31 + n) & 255));

  it('drops the least recently served tile first once over its bytes', () => {
    const a = tile(400), b = tile(400), c = tile(400);
    const memory = makeTileMemory(tileBytes(a) + tileBytes(b) + 10);
    memory.set('a', a);
    memory.set('b', b);
    expect(memory.get('a')).toBe(a); // a is now the most recent
    memory.set('c', c);
    expect(memory.get('b')).toBeUndefined();
    expect(memory.get('a')).toBe(a);
    expect(memory.get('c')).toBe(c);
    expect(memory.bytes).toBe(tileBytes(a) + tileBytes(c));
  });

  it('counts a replaced tile once', () => {
    const memory = makeTileMemory(1e6);
    memory.set('a', tile(100));
    memory.set('a', tile(200));
    expect(memory.size).toBe(1);
    expect(memory.bytes).toBe(tileBytes(tile(200)));
    memory.clear();
    expect([memory.size, memory.bytes]).toEqual([0, 0]);
  });
});

describe('tile write queue', () => {
  const at = (x: number): TileAt => ({ z: 15, x, y: 1, tile: packTile(new Uint8Array([x])) });

  it('writes a batch per version once maxTiles wait, and the rest on flush', async () => {
    const writes: [string, number[]][] = [];
    const queue = makeTileWriteQueue(async (version, tiles) => void writes.push([version, tiles.map((t) => t.x)]), { idleMs: 60_000, maxTiles: 3 });
    queue.add('v1', at(1));
    queue.add('v1', at(2));
    expect(writes).toEqual([]);
    queue.add('v1', at(3));
    queue.add('v2', at(4));
    await queue.flush();
    expect(writes).toEqual([['v1', [1, 2, 3]], ['v2', [4]]]);
  });

  it('writes after idleMs without a new tile, and reports a failed write without stopping', async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    let fail = true;
    const queue = makeTileWriteQueue(async (_v, tiles) => {
      if (fail) (fail = false), (() => { throw new Error('disk full'); })();
      written.push(...tiles.map((t) => t.x));
    }, { idleMs: 20, maxTiles: 100, onError: (e) => errors.push(e) });
    queue.add('v1', at(1));
    await new Promise((r) => setTimeout(r, 60));
    queue.add('v1', at(2));
    await new Promise((r) => setTimeout(r, 60));
    await queue.flush();
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(written).toEqual([2]);
  });
});
