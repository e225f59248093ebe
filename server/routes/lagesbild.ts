// /api/lagesbild: the weekly EST lägesbild (JSON and A4 PDF), the meeting that freezes it,
// analysis text and comments, actions (est_actions), grade thresholds and the tertial follow-up.
// Partners read only the districts of their membership (403 elsewhere).
import { placeCacheOf } from '../place-cache.ts';
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { currentUser, guard } from '../http/guard.ts';
import { HttpProblem } from '../http/problem.ts';
import { maxBody } from '../http/body-size.ts';
import { resolveSecurity } from '../auth/options.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { isoWeekOfDate, parseIsoWeek, type IsoWeek } from '../domain/iso-week.ts';
import { toWallClock } from '../domain/stockholm-time.ts';
import { INDICATORS, type IndicatorId, type Thresholds } from '../domain/lagesbild-grade.ts';
import { membershipOf, organisationExists } from '../db/queries/organisations.ts';
import { getAction, insertAction, listActions, updateAction } from '../db/queries/est-actions.ts';
import { getDraft, insertComment, listComments, listSnapshots, upsertNote, upsertThresholds } from '../db/queries/lagesbild-store.ts';
import { freezeWeek, readLagesbild, type LagesbildContext } from '../lagesbild/lagesbild.ts';
import { currentThresholds } from '../lagesbild/build-section.ts';
import { renderLagesbildPdf } from '../lagesbild/pdf.ts';
import { buildTertial } from '../lagesbild/tertial.ts';
import {
  ActionIdParam, ActionPatchBody, ActionQuery, AnalysisBody, CommentBody, LagesbildQuery, LagesbildResponse, MeetingBody, NewActionBody, PdfParam, TertialQuery, ThresholdsBody, WeekParam,
} from '../schemas/lagesbild.ts';

const BODY_LIMIT_BYTES = 32 * 1024;

const frozenProblem = (week: string, district: string) =>
  new HttpProblem(409, `The lägesbild of ${week} for ${district} was frozen at the meeting; it no longer changes. Add it to next week's instead.`, { code: 'week-frozen', extensions: { week } });

export function lagesbildRoutes(deps: AppDeps) {
  const { sql } = deps;
  const security = resolveSecurity(deps.security);
  const body = maxBody(BODY_LIMIT_BYTES, 'a lägesbild request is a small JSON object');
  const who = (c: Context) => ({ ...auditContext(c, security.trustProxy), at: deps.now() });

  const places = placeCacheOf(deps);
  async function context(): Promise<LagesbildContext> {
    const [area, namer] = await Promise.all([deps.area.index(), places.namer()]);
    // Places are named through the area's place index ("Rydsvägen 12, vid Ryds centrum"); a
    // caller may inject its own namer (tests), and the district fallback stays for bare areas.
    const placeName = deps.placeName ?? ((lat: number, lon: number) => namer(lon, lat).sv);
    return { sql, area, nowMs: deps.now(), placeName };
  }

  /** The districts the caller may read: a partner its membership's, staff every district. */
  async function readable(c: Context): Promise<{ all: string[]; mine: string[]; partner: boolean; organisation: string | null }> {
    const all = (await deps.area.index()).districts.map((d) => d.id);
    const user = currentUser(c)!;
    if (user.role !== 'partner') return { all, mine: all, partner: false, organisation: null };
    const m = await membershipOf(sql, user.id);
    return { all, mine: all.filter((d) => m?.districts.includes(d)), partner: true, organisation: m?.organisationName ?? null };
  }

  /** The districts asked for (default: all readable), each known and readable, else 404/403. */
  async function scope(c: Context, asked: readonly string[] | undefined) {
    const r = await readable(c);
    if (!asked?.length) return { ...r, districts: r.mine };
    for (const d of asked) {
      if (!r.all.includes(d)) throw new HttpProblem(404, `There is no district '${d}'. Districts: ${r.all.join(', ')}.`, { code: 'unknown-district', extensions: { district: d } });
      if (!r.mine.includes(d)) throw new HttpProblem(403, `Your organisation does not work in '${d}'; you may read the lägesbild of ${r.mine.join(', ') || 'no district'}.`, { code: 'district-not-allowed', extensions: { district: d } });
    }
    return { ...r, districts: [...new Set(asked)] };
  }

  const currentWeek = (): IsoWeek => {
    const w = toWallClock(deps.now());
    return isoWeekOfDate(`${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`);
  };
  const weekOf = (id: string | undefined): IsoWeek => (id ? parseIsoWeek(id)! : currentWeek());

  async function assertNotFrozen(week: string, district: string) {
    if ((await listSnapshots(sql, week, [district])).size) throw frozenProblem(week, district);
  }

  return new Hono()
    .get(
      '/',
      guard('lagesbild:read'),
      describe({
        summary: 'The lägesbild of a week',
        description:
          "Key figures per district × category against the mean of the 8 weeks before (changes: E-test of Krishnamoorthy & Thomson 2004, two-sided; flagged as rise/fall only when significant after Benjamini–Hochberg FDR 5 % over every district × category, with ≥ 5 reports for a rise or a baseline mean ≥ 5 for a fall, and a difference ≥ 3), the weekday × hour pattern beside the 8-week mean, emerging hotspots (new, intensifying, persistent, fading) with place names, presence against need, partner contributions, reports judged to create otrygghet, actions with what happened at their places since, a traffic-light grade per district and the sources with their limits. Frozen districts come from the meeting's snapshot (frozenAt). Partners read their own districts only (403 elsewhere).",
        tags: ['lagesbild'],
        responses: { 200: { description: 'The lägesbild', schema: LagesbildResponse }, 403: { description: 'A district outside the partner’s organisation' }, 404: { description: 'Unknown district' } },
      }),
      validate('query', LagesbildQuery),
      async (c) => {
        const q = c.req.valid('query');
        const week = weekOf(q.week);
        const s = await scope(c, q.district);
        const [doc, comments, draft] = await Promise.all([readLagesbild(await context(), week, s.districts), listComments(sql, week.id, s.districts), getDraft(sql, week.id)]);
        return c.json({ ...doc, comments, draft, mail: { configured: Boolean(deps.smtpUrl) }, canComment: !s.partner || doc.districts.some((d) => d.frozenAt === null) }, 200);
      },
    )
    .get(
      '/actions',
      guard('lagesbild:read'),
      describe({ summary: 'EST actions', description: 'Actions agreed at meetings, for the districts the caller may read, oldest first.', tags: ['lagesbild'], responses: { 200: { description: 'Actions' } } }),
      validate('query', ActionQuery),
      async (c) => {
        const q = c.req.valid('query');
        const s = await scope(c, q.district);
        const actions = (await listActions(sql, { districts: s.districts })).filter((a) => !q.status || q.status.includes(a.status as never));
        return c.json({ actions }, 200);
      },
    )
    .post(
      '/actions',
      guard('lagesbild:prepare'),
      describe({ summary: 'Record an action', description: 'What, where (place, cells, reports), responsible organisation and person, due date, linked hotspot, status.', tags: ['lagesbild'], responses: { 201: { description: 'The action' }, 422: { description: 'Unknown organisation' } } }),
      body,
      validate('json', NewActionBody),
      async (c) => {
        const a = c.req.valid('json');
        await scope(c, [a.district]);
        if (a.organisation && !(await organisationExists(sql, a.organisation))) throw new HttpProblem(422, `There is no organisation '${a.organisation}'.`, { code: 'unknown-organisation', errors: [{ path: 'organisation', message: 'unknown organisation', code: 'unknown-organisation', params: { organisation: a.organisation } }], extensions: { organisation: a.organisation } });
        const created = await insertAction(sql, {
          id: deps.newId(), week: a.week, district: a.district, what: a.what, place: a.place ?? null, cells: a.cells, reportIds: a.reportIds, hotspotCell: a.hotspotCell ?? null,
          organisation: a.organisation ?? null, responsiblePerson: a.responsiblePerson ?? null, dueDate: a.dueDate ?? null, status: a.status, createdBy: currentUser(c)!.id, at: new Date(deps.now()),
        });
        await audit(sql, { ...who(c), action: 'est-actions.create', target: `est-action:${created.id}`, detail: { week: a.week, district: a.district } });
        return c.json(created, 201);
      },
    )
    .patch(
      '/actions/:id',
      guard('lagesbild:prepare'),
      describe({ summary: 'Update an action', description: 'Status (ej-paborjad, pagar, klar, stangd-utan-atgard) and any other field.', tags: ['lagesbild'], responses: { 200: { description: 'The action' }, 404: { description: 'No such action' } } }),
      body,
      validate('param', ActionIdParam),
      validate('json', ActionPatchBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const existing = await getAction(sql, id);
        if (!existing) throw new HttpProblem(404, `No action has id ${id}.`);
        await scope(c, [existing.district]);
        if (patch.organisation && !(await organisationExists(sql, patch.organisation))) throw new HttpProblem(422, `There is no organisation '${patch.organisation}'.`, { code: 'unknown-organisation', errors: [{ path: 'organisation', message: 'unknown organisation', code: 'unknown-organisation', params: { organisation: patch.organisation } }], extensions: { organisation: patch.organisation } });
        const updated = await updateAction(sql, id, patch, new Date(deps.now()));
        await audit(sql, { ...who(c), action: 'est-actions.update', target: `est-action:${id}`, detail: patch });
        return c.json(updated, 200);
      },
    )
    .get(
      '/thresholds',
      guard('lagesbild:read'),
      describe({ summary: 'The traffic-light checklist', description: 'Each indicator with its thresholds for gul, orange and röd (value ≥ threshold); the grade is the worst level reached.', tags: ['lagesbild'], responses: { 200: { description: 'Indicators' } } }),
      async (c) => {
        const t = await currentThresholds(sql);
        return c.json({ indicators: (Object.keys(INDICATORS) as IndicatorId[]).map((id) => ({ id, sv: INDICATORS[id].sv, en: INDICATORS[id].en, defaults: INDICATORS[id].defaults, ...t[id] })) }, 200);
      },
    )
    .put(
      '/thresholds',
      guard('lagesbild:meeting'),
      describe({ summary: 'Adjust the checklist thresholds', description: 'Sets gul/orange/röd for the indicators given (gul ≤ orange ≤ röd); audit-logged. Frozen weeks keep the grades they were shown with.', tags: ['lagesbild'], responses: { 200: { description: 'Indicators' } } }),
      body,
      validate('json', ThresholdsBody),
      async (c) => {
        const t = c.req.valid('json') as Partial<Record<IndicatorId, Thresholds>>;
        const before = await currentThresholds(sql);
        await sql.begin(async (tx) => {
          await upsertThresholds(tx, t, currentUser(c)!.id, new Date(deps.now()));
          await audit(tx, { ...who(c), action: 'lagesbild.thresholds', target: 'lagesbild:thresholds', detail: { before: Object.fromEntries(Object.keys(t).map((k) => [k, before[k as IndicatorId]])), after: t } });
        });
        const now = await currentThresholds(sql);
        return c.json({ indicators: (Object.keys(INDICATORS) as IndicatorId[]).map((id) => ({ id, sv: INDICATORS[id].sv, en: INDICATORS[id].en, defaults: INDICATORS[id].defaults, ...now[id] })) }, 200);
      },
    )
    .get(
      '/tertial',
      guard('lagesbild:read'),
      describe({
        summary: 'Tertial follow-up',
        description: 'Four months from `from` (YYYY-MM): reports per district, category and month with the trend (E-test of the last two months against the first two), the places with most reports, actions done and open in the period, and (when the interventions feature lands) their evaluations.',
        tags: ['lagesbild'],
        responses: { 200: { description: 'The follow-up' } },
      }),
      validate('query', TertialQuery),
      async (c) => {
        const q = c.req.valid('query');
        const s = await scope(c, q.district);
        return c.json(await buildTertial(await context(), q.from, s.districts), 200);
      },
    )
    .get(
      '/:file{[^/]+\\.pdf}',
      guard('lagesbild:read'),
      describe({ summary: 'The lägesbild as an A4 PDF', description: 'Made by the server (no browser): title, week and dates, districts, key figures, a vector map (hex cells, district outlines, main streets), tables, actions, sources. Swedish, fonts embedded, readable in black and white. Frozen weeks come from the snapshot.', tags: ['lagesbild'], responses: { 200: { description: 'application/pdf' } } }),
      validate('param', PdfParam),
      validate('query', LagesbildQuery.pick({ district: true })),
      async (c) => {
        const week = parseIsoWeek(c.req.valid('param').file.slice(0, 8))!;
        const s = await scope(c, c.req.valid('query').district);
        const ctx = await context();
        const doc = await readLagesbild(ctx, week, s.districts);
        const pdf = await renderLagesbildPdf(sql, ctx.area, doc);
        return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="lagesbild-${week.id}.pdf"`, 'Cache-Control': 'no-store' });
      },
    )
    .post(
      '/:week/meeting',
      guard('lagesbild:meeting'),
      describe({ summary: 'Hold the meeting: freeze the week', description: "Archives the week's lägesbild of the districts as shown now; afterwards the GET carries frozenAt and never changes (late reports show the next week). Districts already frozen stay as they were; 409 week-frozen when all were.", tags: ['lagesbild'], responses: { 200: { description: 'Frozen' }, 409: { description: 'week-frozen: every district was already frozen' } } }),
      body,
      validate('param', WeekParam),
      validate('json', MeetingBody),
      async (c) => {
        const week = parseIsoWeek(c.req.valid('param').week)!;
        const { districts } = await scope(c, c.req.valid('json').districts);
        const frozen = await freezeWeek(await context(), week, districts, currentUser(c)!.id);
        if (!frozen.length) throw new HttpProblem(409, `The lägesbild of ${week.id} was already frozen for ${districts.join(', ')}.`, { code: 'week-frozen', extensions: { week: week.id } });
        await audit(sql, { ...who(c), action: 'lagesbild.meeting', target: `lagesbild:${week.id}`, detail: { districts: frozen } });
        const snaps = await listSnapshots(sql, week.id, districts);
        return c.json({ week: week.id, frozen, districts: districts.map((d) => ({ id: d, frozenAt: snaps.get(d)?.frozenAt ?? null })) }, 200);
      },
    )
    .put(
      '/:week/analysis',
      guard('lagesbild:prepare'),
      describe({ summary: "The week's analysis text for a district", description: '409 week-frozen after the meeting.', tags: ['lagesbild'], responses: { 200: { description: 'Stored' }, 409: { description: 'week-frozen' } } }),
      body,
      validate('param', WeekParam),
      validate('json', AnalysisBody),
      async (c) => {
        const { week } = c.req.valid('param');
        const b = c.req.valid('json');
        await scope(c, [b.district]);
        await assertNotFrozen(week, b.district);
        await upsertNote(sql, { week, district: b.district, analysis: b.analysis, by: currentUser(c)!.id, at: new Date(deps.now()) });
        return c.json({ week, district: b.district, analysis: b.analysis }, 200);
      },
    )
    .post(
      '/:week/comments',
      guard('lagesbild:comment'),
      describe({ summary: 'Comment on a week’s lägesbild', description: 'Staff at any time; partners for their districts before the meeting (409 week-frozen after).', tags: ['lagesbild'], responses: { 201: { description: 'The comment' }, 403: { description: 'Not the partner’s district' }, 409: { description: 'week-frozen' } } }),
      body,
      validate('param', WeekParam),
      validate('json', CommentBody),
      async (c) => {
        const { week } = c.req.valid('param');
        const b = c.req.valid('json');
        const s = await scope(c, [b.district]);
        if (s.partner) await assertNotFrozen(week, b.district);
        const user = currentUser(c)!;
        const comment = await insertComment(sql, { id: deps.newId(), week, district: b.district, authorId: user.id, author: user.email, organisation: s.organisation, body: b.body, at: new Date(deps.now()) });
        return c.json(comment, 201);
      },
    );
}
