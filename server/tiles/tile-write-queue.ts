// Tiles cut on request are stored (for other processes and the next start) after the answer, in
// batches: one statement per batch, written when tile requests pause for idleMs or maxTiles are
// waiting. On PGlite the database runs on the server's own thread behind one connection, so a
// write per tile sat in front of the next request's read; that was most of a cold tile's p95.
// A tile still waiting when the process stops is only cut again later; nothing else is lost.
import type { TileAt } from '../db/queries/map-tiles.ts';

export interface TileWriteQueue {
  /** Queues a tile of `version` to store. */
  add(version: string, tile: TileAt): void;
  /** Writes everything queued and waits for every write started (tests, shutdown). */
  flush(): Promise<void>;
}

/**
 * @param write stores tiles of one version (writeTiles)
 * @param opts.idleMs quiet time after the last add before a batch is written, ms
 * @param opts.maxTiles tiles waiting that start a write at once (bounds memory and statement size)
 */
export function makeTileWriteQueue(
  write: (version: string, tiles: TileAt[]) => Promise<void>,
  opts: { idleMs: number; maxTiles: number; onError?: (err: unknown) => void },
): TileWriteQueue {
  let waiting = new Map<string, TileAt[]>();
  let count = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // One batch at a time, in order: a batch never overtakes an older one.
  let chain: Promise<void> = Promise.resolve();

  function start(): Promise<void> {
    if (timer) clearTimeout(timer), (timer = null);
    if (!count) return chain;
    const batches = waiting;
    waiting = new Map();
    count = 0;
    chain = chain.then(async () => {
      for (const [version, tiles] of batches) await write(version, tiles).catch((err: unknown) => opts.onError?.(err));
    });
    return chain;
  }

  return {
    add(version, tile) {
      const list = waiting.get(version);
      if (list) list.push(tile);
      else waiting.set(version, [tile]);
      if (++count >= opts.maxTiles) return void start();
      if (timer) clearTimeout(timer);
      timer = setTimeout(start, opts.idleMs);
      timer.unref?.();
    },
    flush: () => start(),
  };
}
