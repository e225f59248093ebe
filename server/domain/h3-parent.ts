// H3 parent cells by bit arithmetic on the 64-bit index (H3 index layout: resolution in bits
// 52–55, one 3-bit digit per resolution 1–15 below it, unused digits set to 7), so the database
// can roll resolution-10 rows up to resolution 8 or 9 with plain bigint operators.

const RES_SHIFT = 52n;
const RES_FIELD = 0xfn << RES_SHIFT;
const MAX_RES = 15;

export interface ParentMasks {
  /** AND with this (clears the resolution field). */
  clear: bigint;
  /** then OR with this (sets the resolution and fills the finer digits with 7). */
  set: bigint;
}

/** Masks turning any finer cell into its parent at `res`: parent = (cell & clear) | set. */
export function parentMasks(res: number): ParentMasks {
  if (!Number.isInteger(res) || res < 0 || res > MAX_RES) throw new RangeError(`H3 resolution ${res} is not 0–15`);
  const finerDigits = BigInt(3 * (MAX_RES - res));
  const clear = ~RES_FIELD & 0x7fffffffffffffffn;
  return { clear, set: (BigInt(res) << RES_SHIFT) | ((1n << finerDigits) - 1n) };
}

/** The parent of a cell given as a bigint. */
export function parentOfBigint(cell: bigint, res: number): bigint {
  const m = parentMasks(res);
  return (cell & m.clear) | m.set;
}
