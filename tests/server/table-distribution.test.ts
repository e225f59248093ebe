// The rule of docs/scaling.md: every table is classified for a sharded (Citus) deployment —
// distributed by municipality and co-located, replicated reference, or local to the
// coordinator — and foreign keys only point where Citus can follow them. A new table that is
// not classified here, or a foreign key that breaks the rule, fails this test: classify it
// (and update docs/scaling.md) in the same change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets, openTestDb, type TestDb } from '../helpers/databases.ts';

type Placement = 'distributed' | 'reference' | 'local';

/** Every table of the schema. `distributed` tables gain municipality_id (docs/scaling.md, "Schema changes"). */
const TABLE_PLACEMENT: Record<string, Placement> = {
  // The area
  districts: 'distributed',
  team_bases: 'distributed',
  streets: 'distributed',
  deso_areas: 'distributed',
  map_features: 'distributed',
  map_meta: 'distributed',
  // Reports, moderation, disclosure, the analytics aggregate
  reports: 'distributed',
  moderation_actions: 'distributed',
  report_photos: 'distributed',
  report_contacts: 'distributed',
  report_receipts: 'distributed',
  idempotency_keys: 'distributed', // claimed in the transaction that writes the report
  heat_hours: 'distributed',
  heat_changes: 'distributed',
  public_disclosure: 'distributed',
  // Patrols
  patrol_routes: 'distributed',
  tracks: 'distributed',
  track_points: 'distributed',
  track_presence: 'distributed',
  track_presence_state: 'distributed',
  // People (each account belongs to one municipality; the host name names it)
  teams: 'distributed',
  users: 'distributed',
  sessions: 'distributed',
  api_tokens: 'distributed',
  login_failures: 'distributed',
  audit_log: 'distributed',
  // Map tiles, the lägesbild, interventions and experiments
  map_tiles: 'distributed',
  est_actions: 'distributed',
  lagesbild_comments: 'distributed',
  lagesbild_drafts: 'distributed',
  lagesbild_notes: 'distributed',
  lagesbild_snapshots: 'distributed',
  lagesbild_thresholds: 'distributed',
  interventions: 'distributed',
  experiments: 'distributed',
  organisations: 'distributed',
  organisation_members: 'distributed',
  // The coordinator's own
  schema_migrations: 'local',
  rate_limits: 'local', // per-address throttles in front of every tenant
  scheduled_jobs: 'local',
};

/** Where a foreign key from a table of one placement may point (Citus: no FK from reference/local to distributed). */
const MAY_REFERENCE: Record<Placement, readonly Placement[]> = {
  distributed: ['distributed', 'reference'],
  reference: ['reference'],
  local: ['local', 'reference'],
};

/** Base tables of the current schema that TABLE_PLACEMENT does not classify. */
async function unclassifiedTables(db: TestDb): Promise<{ all: string[]; unclassified: string[] }> {
  const all = (await db.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`).map((r) => r.name);
  return { all, unclassified: all.filter((t) => !(t in TABLE_PLACEMENT)) };
}

describe.each(databaseTargets())('table placement on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(target, { area: false });
  });
  afterAll(async () => db?.close());

  it('classifies every table of the migrated schema', async () => {
    const { all, unclassified } = await unclassifiedTables(db);
    expect(all.length).toBeGreaterThan(20);
    expect(unclassified, 'classify these tables in TABLE_PLACEMENT and docs/scaling.md').toEqual([]);
  });

  it('lets foreign keys point only where a sharded deployment can follow them', async () => {
    const fks = await db.sql<{ from: string; to: string; name: string }[]>`
      select tc.table_name as from, ccu.table_name as to, tc.constraint_name as name
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`;
    expect(fks.length).toBeGreaterThan(10);
    const broken = fks.filter((f) => !MAY_REFERENCE[TABLE_PLACEMENT[f.from] ?? 'local'].includes(TABLE_PLACEMENT[f.to] ?? 'local')).map((f) => `${f.name}: ${f.from} → ${f.to}`);
    expect(broken).toEqual([]);
  });

  it('fails for a table nobody classified', async () => {
    await db.sql`create table scaling_rule_probe (id int primary key)`;
    expect((await unclassifiedTables(db)).unclassified).toEqual(['scaling_rule_probe']);
    await db.sql`drop table scaling_rule_probe`;
  });
});
