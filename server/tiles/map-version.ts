// The map version tiles are cut for, without a database read on every tile request.
//
// The version (map_meta 'version' and the districts' fingerprint) changes only when the map or the
// districts are imported. Reading it per request was most of a cached tile's cost, so it is kept
// here and read again when
//   - this process announced a change (announceMapChange in server/db/map-changes.ts: every import
//     path calls it after its commit; keyed by the database handle, so every app on it sees it);
//   - a request names a version (?v=, from the style) that is not the one held and not one already
//     seen superseded: the style was read after the import committed, so a fresh read finds it.
//     Tiles are marked immutable only for ?v= equal to a version read from the database after the
//     request arrived or held since, so an old tile is never cached for good under a new URL;
//   - ttlMs has passed. This bounds what another process (WORKERS=N, or the CLI importing while the
//     server runs) can miss for requests without ?v=, which are only cached for 60 s anyway
//     (server/routes/map.ts). The trade-off: at most one version read per ttlMs per process instead of
//     LISTEN/NOTIFY (which PGlite's socket does not carry to other connections) or a read per request.

export interface VersionCache {
  /**
   * The current version: held when fresh, else read. `wanted` (a ?v=) that differs from the held
   * version forces a read unless it is known to be superseded.
   */
  current(wanted?: string): Promise<string>;
  /** The held version when it needs no read (fresh, same generation, `wanted` matches or is old); else null. */
  peek(wanted?: string): string | null;
}

/** Versions remembered as superseded (old styles still open in browsers ask for them). */
const SUPERSEDED_KEPT = 16;

export function makeVersionCache(read: () => Promise<string>, opts: { ttlMs: number; now: () => number; generation: () => number }): VersionCache {
  let held: { version: string; readAt: number; generation: number } | null = null;
  let inflight: { read: Promise<string>; generation: number } | null = null;
  const superseded = new Set<string>();

  function refresh(): Promise<string> {
    const generation = opts.generation();
    const p = read().then((version) => {
      if (held && held.version !== version) {
        superseded.add(held.version);
        superseded.delete(version);
        for (const v of superseded) if (superseded.size > SUPERSEDED_KEPT) superseded.delete(v);
      }
      held = { version, readAt: opts.now(), generation };
      return version;
    });
    const entry = { read: p, generation };
    inflight = entry;
    void p.finally(() => inflight === entry && (inflight = null)).catch(() => {});
    return p;
  }

  function peek(wanted?: string): string | null {
    if (!held || opts.now() - held.readAt >= opts.ttlMs || held.generation !== opts.generation()) return null;
    if (wanted !== undefined && wanted !== held.version && !superseded.has(wanted)) return null;
    return held.version;
  }

  return {
    peek,
    async current(wanted) {
      const fresh = peek(wanted);
      if (fresh !== null) return fresh;
      // Join a read already on the wire unless a change was announced since it started; when it
      // does not give the wanted version, read anew (it may have started before that import).
      if (inflight && inflight.generation === opts.generation()) {
        const v = await inflight.read;
        if (wanted === undefined || v === wanted || superseded.has(wanted)) return v;
      }
      return refresh();
    },
  };
}
