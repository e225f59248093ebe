// track_points keeps its reference to tracks (statement-level triggers since migration 00041, a
// foreign key before): no fix without its track, a deleted or truncated track takes its fixes
// along, a track's id does not change under its fixes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe.each(databaseTargets())('track_points → tracks on $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(target, { area: false });
  });
  afterAll(async () => db?.close());

  const addTrack = (n: number) => db.sql`insert into tracks (id, team_id, shift_date, started_at) values (${id(n)}, 'ryd', '2026-11-20', now())`;
  const addFixes = (ns: number[], count = 3) => db.sql`
    insert into track_points (track_id, t, lat, lon)
    select u.id, to_timestamp(1.8e9 + g), 58.4, 15.56 from unnest(${ns.map(id)}::uuid[]) as u(id), generate_series(1, ${count}) g`;
  const fixesOf = async (n: number) => (await db.sql<{ n: number }[]>`select count(*)::int as n from track_points where track_id = ${id(n)}`)[0]!.n;
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; detail?: string }) => ({ code: e.code, detail: e.detail }));

  it('refuses fixes of a track that does not exist, alone or among others', async () => {
    await addTrack(1);
    expect(await failure(addFixes([99]))).toEqual({ code: '23503', detail: `Key (track_id)=(${id(99)}) is not present in table "tracks".` });
    expect((await failure(addFixes([1, 98])))?.code).toBe('23503');
    expect(await fixesOf(1)).toBe(0);
    await addFixes([1]);
    expect(await fixesOf(1)).toBe(3);
    expect((await failure(db.sql`update track_points set track_id = ${id(97)} where track_id = ${id(1)}`))?.code).toBe('23503');
  });

  it('deletes the fixes of deleted tracks and keeps the others', async () => {
    await addTrack(2);
    await addTrack(3);
    await addFixes([2, 3], 5);
    await db.sql`delete from tracks where id = ${id(2)}`;
    expect([await fixesOf(2), await fixesOf(3)]).toEqual([0, 5]);
  });

  it('does not change the id of a track that has fixes', async () => {
    await addTrack(4);
    await addFixes([4]);
    expect((await failure(db.sql`update tracks set id = ${id(5)} where id = ${id(4)}`))?.code).toBe('23503');
    await db.sql`update tracks set team_id = 'berga' where id = ${id(4)}`;
    await addTrack(6);
    await db.sql`update tracks set id = ${id(7)} where id = ${id(6)}`;
  });

  it('makes a track being deleted wait for, or refuse, fixes added meanwhile', async () => {
    await addTrack(8);
    let deleted = false;
    let del: Promise<unknown> | undefined;
    await db.sql.begin(async (tx) => {
      await tx`insert into track_points (track_id, t, lat, lon) values (${id(8)}, now(), 58.4, 15.56)`;
      // The fix's transaction holds the track (FOR KEY SHARE): the delete waits for its commit.
      del = db.sql`delete from tracks where id = ${id(8)}`.then(() => (deleted = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(deleted).toBe(false);
    });
    await del;
    expect(deleted).toBe(true);
    expect(await fixesOf(8)).toBe(0);
  });

  it('empties track_points when tracks is truncated', async () => {
    await addTrack(9);
    await addFixes([9]);
    await db.sql`truncate tracks cascade`;
    expect((await db.sql<{ n: number }[]>`select count(*)::int as n from track_points`)[0]!.n).toBe(0);
  });
});
