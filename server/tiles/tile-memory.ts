// Packed tiles kept in process memory, bounded by bytes: the least recently served tile is
// dropped first (a Map keeps insertion order, and a hit is moved to the end). Keys name the map
// version, so a new version's tiles never meet an old one's; clear() frees an old version at once.
import type { BuiltTile } from './tile-builder.ts';

export interface TileMemory {
  get(key: string): BuiltTile | undefined;
  set(key: string, tile: BuiltTile): void;
  clear(): void;
  /** Bytes held (every encoding of every tile). */
  readonly bytes: number;
  readonly size: number;
}

/** Bytes a packed tile holds: the raw, gzip and brotli encodings. */
export function tileBytes(tile: BuiltTile): number {
  return tile.data.byteLength + tile.gzip.byteLength + tile.br.byteLength;
}

/** @param maxBytes bytes of packed tiles to keep (all encodings counted). */
export function makeTileMemory(maxBytes: number): TileMemory {
  const tiles = new Map<string, BuiltTile>();
  let bytes = 0;
  return {
    get(key) {
      const tile = tiles.get(key);
      if (tile) {
        tiles.delete(key);
        tiles.set(key, tile);
      }
      return tile;
    },
    set(key, tile) {
      const old = tiles.get(key);
      if (old) {
        tiles.delete(key);
        bytes -= tileBytes(old);
      }
      tiles.set(key, tile);
      bytes += tileBytes(tile);
      for (const [k, t] of tiles) {
        if (bytes <= maxBytes) break;
        tiles.delete(k);
        bytes -= tileBytes(t);
      }
    },
    clear() {
      tiles.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return tiles.size;
    },
  };
}
