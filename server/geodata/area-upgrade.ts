// Upgrades a database made from an older default area: a district still marked approximate is
// replaced by the repository's official polygon with the same id (Skäggetorp, hand-drawn until
// SCB's DeSO areas came), and the rows that carry a district by their place follow it:
//   - reports whose point now lies in another district move there (the heat aggregate follows
//     through its triggers); a report that now lies outside every district keeps its district
//     (reports.district_id is required and an acknowledged report is never dropped);
//   - streets are re-assigned by their midpoint, track presence cells by the cell centre (both
//     may become null: outside every district);
//   - team bases with the default ids are refreshed from the repository (they came from it).
import { bbox as turfBbox } from '@turf/turf';
import { cellToLatLng } from 'h3-js';
import type { Sql } from '../db/sql.ts';
import { announceMapChange } from '../db/map-changes.ts';
import { listDistricts, upsertBases, writeDistricts, type DistrictRow } from '../db/queries/districts.ts';
import { presenceCells, reportsInBox, setPresenceDistricts, setReportDistricts, setStreetDistricts, streetLines } from '../db/queries/district-reassign.ts';
import { makeDistrictIndex } from '../domain/district-index.ts';
import { cellToBigint } from '../domain/cells.ts';
import { lineMidpoint } from './street-way.ts';
import type { BaseInput, DistrictInput } from './area-geojson.ts';

type Box = [number, number, number, number];

function joinBoxes(boxes: readonly Box[]): Box {
  return boxes.reduce<Box>((b, x) => [Math.min(b[0], x[0]), Math.min(b[1], x[1]), Math.max(b[2], x[2]), Math.max(b[3], x[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

/** Returns the ids of the districts replaced (none on an up-to-date or foreign database). */
export async function upgradeApproximateDistricts(sql: Sql, defaults: readonly DistrictInput[], bases: readonly BaseInput[]): Promise<string[]> {
  const stored = new Map((await listDistricts(sql)).map((d) => [d.id, d]));
  const official = defaults.filter((d) => !d.approximate && stored.get(d.id)?.approximate === true);
  if (!official.length) return [];
  const upgraded = new Set(official.map((d) => d.id));
  const box = joinBoxes(official.flatMap((d) => [turfBbox(d.geometry) as Box, turfBbox(stored.get(d.id)!.geometry) as Box]));

  await sql.begin(async (tx) => {
    await writeDistricts(tx, official as DistrictRow[]);
    const index = makeDistrictIndex(await listDistricts(tx));
    const reports = await reportsInBox(tx, box);
    const moves = reports.flatMap((r) => {
      const now = index.locate(r.lon, r.lat);
      return now !== null && now !== r.districtId ? [{ id: r.id, districtId: now }] : [];
    });
    await setReportDistricts(tx, moves);

    const streets = (await streetLines(tx)).flatMap((s) => {
      const [lon, lat] = lineMidpoint(s.coords);
      const now = index.locate(lon, lat);
      return now !== s.districtId ? [{ id: s.id, districtId: now }] : [];
    });
    await setStreetDistricts(tx, streets);

    const cells = (await presenceCells(tx)).flatMap((p) => {
      const [lat, lon] = cellToLatLng(p.cell);
      const now = index.locate(lon, lat);
      return now !== p.districtId ? [{ cell: cellToBigint(p.cell), districtId: now }] : [];
    });
    await setPresenceDistricts(tx, cells);
  });
  announceMapChange(sql);
  const known = new Set(stored.keys());
  await upsertBases(sql, bases.filter((b) => b.districtId === null || known.has(b.districtId)));
  return [...upgraded];
}
