// The compact encoding of the network the repository carries (geodata/linkoping/network.json.gz):
// integer coordinates in 1e-6° (≈ 0.1 m, the walking graph's own rounding), delta-coded along each
// line and from the end of the previous line, names in one table. Pure: no I/O.

export const NETWORK_FORMAT = 'trygghetskartan-network/1';
const SCALE = 1e6;

export interface NetworkLine {
  name: string | null;
  /** The TSFS12 course data marks the line as a car road (else: unknown highway type). */
  carRoad: boolean;
  /** km/h, when the car-road data gives it. */
  maxspeed: number | null;
  coords: [number, number][];
}

export interface NetworkFile {
  format: typeof NETWORK_FORMAT;
  attribution: string;
  licence: string;
  source: string;
  names: string[];
  /** Per line: [name index or -1, maxspeed or 0, car road 0/1, point count, dx0, dy0, dx1, dy1, …]. */
  lines: number[][];
}

export function encodeNetwork(lines: readonly NetworkLine[], meta: Pick<NetworkFile, 'attribution' | 'licence' | 'source'>): NetworkFile {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  let px = 0;
  let py = 0;
  const out: number[][] = [];
  for (const l of lines) {
    let ni = -1;
    if (l.name !== null) {
      ni = nameIndex.get(l.name) ?? -1;
      if (ni < 0) {
        ni = names.push(l.name) - 1;
        nameIndex.set(l.name, ni);
      }
    }
    const row = [ni, l.maxspeed ?? 0, l.carRoad ? 1 : 0, l.coords.length];
    for (const [lon, lat] of l.coords) {
      const x = Math.round(lon * SCALE);
      const y = Math.round(lat * SCALE);
      row.push(x - px, y - py);
      px = x;
      py = y;
    }
    out.push(row);
  }
  return { format: NETWORK_FORMAT, ...meta, names, lines: out };
}

export function decodeNetwork(doc: unknown): NetworkLine[] {
  const f = doc as Partial<NetworkFile> | null;
  if (!f || f.format !== NETWORK_FORMAT || !Array.isArray(f.lines) || !Array.isArray(f.names)) {
    throw new Error(`not a ${NETWORK_FORMAT} file`);
  }
  let x = 0;
  let y = 0;
  return f.lines.map((row) => {
    const [ni, maxspeed, car, n] = row as [number, number, number, number];
    const coords: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      x += row[4 + 2 * i]!;
      y += row[5 + 2 * i]!;
      coords.push([x / SCALE, y / SCALE]);
    }
    return { name: ni >= 0 ? f.names![ni] ?? null : null, carRoad: car === 1, maxspeed: maxspeed > 0 ? maxspeed : null, coords };
  });
}
