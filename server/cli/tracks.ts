// `npm run tracks -- reduce [--days N]`: deletes raw fixes of tracks older than the retention
// (TRACK_RETENTION_DAYS, default 90), keeping the presence aggregates.
// `npm run tracks -- import FILE.gpx|FILE.geojson --team TEAM`: stores a finished patrol.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataDirBusyError } from '../db/embedded.ts';
import { openCliDatabase } from './cli-database.ts';
import { makeAreaCache } from '../area-cache.ts';
import { reduceExpiredTracks, retentionDaysFrom } from '../jobs/track-retention.ts';
import { storeFinishedTrack } from '../db/queries/presence.ts';
import { parseGpxTrack } from '../domain/gpx-track.ts';
import { parseGeoJsonTrack } from '../domain/track-geojson.ts';
import { makeAreaGate } from '../domain/track-area.ts';
import { localHourOf } from '../domain/track-buckets.ts';
import type { Sql } from '../db/sql.ts';

const USAGE = `Usage:
  npm run tracks -- reduce [--days N]                   reduce tracks older than N days (default TRACK_RETENTION_DAYS or 90)
  npm run tracks -- import FILE --team TEAM [--shift-start HH:MM --shift-end HH:MM]
                                                       import a GPX 1.1 or GeoJSON patrol`;

async function reduce(sql: Sql, days: number) {
  const r = await reduceExpiredTracks(sql, Date.now(), days);
  console.log(`Reduced ${r.tracks} track(s) ended before ${r.before.toISOString()} to presence aggregates; deleted ${r.points} raw fix(es).`);
}

async function importFile(sql: Sql, file: string, team: string, shift: { start?: string | undefined; end?: string | undefined }) {
  const text = readFileSync(file, 'utf8');
  const parsed = /\.gpx$/i.test(file) || text.trimStart().startsWith('<') ? parseGpxTrack(text) : parseGeoJsonTrack(text);
  const area = await makeAreaCache(sql).index();
  const gate = makeAreaGate(area, 200);
  const inside = parsed.points.filter((p) => gate.admits(p.lon, p.lat));
  if (!inside.length) throw new Error(`None of the ${parsed.points.length} points in ${file} lies within the districts (+200 m); nothing stored.`);
  const startMs = inside.reduce((m, p) => Math.min(m, p.t), Infinity);
  const endMs = inside.reduce((m, p) => Math.max(m, p.t), -Infinity);
  const { track, result } = await sql.begin((tx) =>
    storeFinishedTrack(
      tx,
      {
        id: randomUUID(), userId: null, teamId: team, shiftDate: localHourOf(Math.floor(startMs / 3_600_000) * 3_600_000).localDate,
        shiftStart: shift.start ?? null, shiftEnd: shift.end ?? null, source: /\.gpx$/i.test(file) ? 'gpx' : 'geojson',
        startedAt: new Date(startMs), endedAt: new Date(endMs),
      },
      inside, parsed.points.length - inside.length, area,
    ),
  );
  console.log(`Imported track ${track.id} for team ${team}: ${track.pointCount} fixes stored, ${track.outsideCount} outside the area, ${result.discardedTotal} not used for presence; presence in ${result.cells} cell(s).`);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { days: { type: 'string' }, team: { type: 'string' }, 'shift-start': { type: 'string' }, 'shift-end': { type: 'string' } },
  });
  const [command, file] = positionals;
  if (command !== 'reduce' && command !== 'import') throw new Error(USAGE);
  if (command === 'import' && (!file || !values.team)) throw new Error(`import needs a FILE and --team.\n${USAGE}`);
  const days = values.days !== undefined ? retentionDaysFrom({ TRACK_RETENTION_DAYS: values.days }) : retentionDaysFrom(process.env);

  const db = await openCliDatabase();
  const { sql } = db;
  try {
    if (command === 'reduce') await reduce(sql, days);
    else await importFile(sql, file!, values.team!, { start: values['shift-start'], end: values['shift-end'] });
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirBusyError || err instanceof Error ? err.message : err);
  process.exit(1);
});
