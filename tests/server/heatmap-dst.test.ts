// Daylight saving in the aggregate: a window over the spring-forward night weighs only hours that
// exist; the repeated autumn hour counts twice (2026: 29 March and 25 October, Europe/Stockholm).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { databaseTargets } from '../helpers/databases.ts';
import { insertReports } from '../../server/db/queries/reports.ts';
import { makeAnalyticsApp, reportAt } from './analytics-helpers.ts';

const CELL = latLngToCell(58.4261, 15.5832, 10);

describe.each(databaseTargets())('DST in the aggregate on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeAnalyticsApp>>;
  beforeAll(async () => {
    t = await makeAnalyticsApp(target);
    await insertReports(t.sql, [
      // 01:00–04:00 local on 29 March (00:00Z–02:00Z): 02–03 does not exist.
      reportAt(CELL, 'skaggetorp', Date.parse('2026-03-29T00:00:00Z'), Date.parse('2026-03-29T02:00:00Z'), { category: 'brand' }),
      // 01:00–03:00 local on 25 October (23:00Z–02:00Z): 02–03 happens twice.
      reportAt(CELL, 'skaggetorp', Date.parse('2026-10-24T23:00:00Z'), Date.parse('2026-10-25T02:00:00Z'), { category: 'klotter' }),
    ], 'insert');
  });
  afterAll(() => t?.close());

  it('spreads the spring-forward window over 01 and 03 only', async () => {
    const { body } = await t.get(`/api/clock?categories=brand&cell=${CELL}`);
    expect(body.matrix[6].slice(0, 5)).toEqual([0, 0.5, 0, 0.5, 0]);
  });

  it('counts the repeated autumn hour twice', async () => {
    const { body } = await t.get(`/api/clock?categories=klotter&cell=${CELL}`);
    expect(body.matrix[6][1]).toBeCloseTo(1 / 3, 12);
    expect(body.matrix[6][2]).toBeCloseTo(2 / 3, 12);
    const heat = await t.get('/api/heatmap?categories=klotter&days=sun&hours=2');
    expect(heat.body.cells[0].weight).toBeCloseTo(2 / 3, 12);
  });
});
