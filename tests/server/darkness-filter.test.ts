// "Mörker" as a time filter: reports at noon and at 17:00 in December and at 17:00 and 23:00 in
// June; after dark keeps December 17:00 and June 23:00 only, on the heat map (in-process cube),
// the SQL over heat_hours, the data clock and hotspots, and daylight keeps the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { heatCells } from '../../server/db/queries/heat.ts';
import { fromWallClock } from '../../server/domain/stockholm-time.ts';
import { makeDarknessCalendar } from '../../server/domain/darkness.ts';
import { makeWeekMask } from '../../server/domain/hour-of-week.ts';
import { makeAnalyticsApp, reportAt } from './analytics-helpers.ts';

const CELL = latLngToCell(58.4082, 15.5652, 10);
const at = (y: number, m: number, d: number, h: number) => fromWallClock(y, m, d, h, 10);

describe.each(databaseTargets())('darkness filter on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;
  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
    const rows = [
      ...[1, 2, 3].map(() => reportAt(CELL, 'ryd', at(2025, 12, 17, 12), at(2025, 12, 17, 12))), // Wednesday noon: daylight
      ...[1, 2].map(() => reportAt(CELL, 'ryd', at(2025, 12, 17, 17), at(2025, 12, 17, 17))), // 17:10: dark in December
      ...[1, 2, 3, 4].map(() => reportAt(CELL, 'ryd', at(2026, 6, 17, 17), at(2026, 6, 17, 17))), // 17:10: daylight in June
      reportAt(CELL, 'ryd', at(2026, 6, 17, 23), at(2026, 6, 17, 23)), // 23:10: dark in June
    ];
    await insertReports(t.sql, rows, 'insert');
  });
  afterAll(() => t?.close());

  it('keeps only the hours after dark on the heat map', async () => {
    const dark = await t.get('/api/heatmap?res=10&darkness=dark');
    expect(dark.status).toBe(200);
    expect(dark.body.cells).toEqual([expect.objectContaining({ cell: CELL, count: 3 })]);
    const day = await t.get('/api/heatmap?res=10&darkness=daylight');
    expect(day.body.cells[0].count).toBe(7);
    const evening = await t.get('/api/heatmap?res=10&hours=17-17&darkness=dark');
    expect(evening.body.cells[0].count).toBe(2);
  });

  it('gives the SQL answer the cube gives', async () => {
    const darkness = makeDarknessCalendar();
    const f = { res: 10 as const, mask: makeWeekMask({}), holidaysAsWeekend: false, refDate: '2026-11-20', timeOfDay: 'dark' as const, darkness };
    const sqlCells = await heatCells(t.sql, f, new Map());
    const cube = (await t.get('/api/heatmap?res=10&darkness=dark')).body.cells;
    expect(sqlCells.map((c) => [c.cell, c.count, Number(c.weight.toFixed(9))])).toEqual(cube.map((c: { cell: string; count: number; weight: number }) => [c.cell, c.count, Number(c.weight.toFixed(9))]));
  });

  it('puts the data clock and hotspots under the same filter', async () => {
    const clock = await t.get('/api/clock?darkness=dark');
    expect(clock.status).toBe(200);
    // Wednesday (2) at 17 in December, Wednesday at 23 in June.
    expect(clock.body.counts[2][17]).toBe(2);
    expect(clock.body.counts[2][23]).toBe(1);
    expect(clock.body.counts[2][12]).toBe(0);
    const hot = await t.get('/api/hotspots?res=10&darkness=dark&districts=ryd');
    expect(hot.status).toBe(200);
    expect(hot.body.cells.find((c: { cell: string }) => c.cell === CELL).value).toBeCloseTo(3, 9);
  });

  it('refuses an unknown darkness value', async () => {
    expect((await t.get('/api/heatmap?darkness=dusk')).status).toBe(400);
  });
});
