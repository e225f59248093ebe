// /api/moderation: the staff queue of residents' reports with duplicate suggestions, one
// report with its history, the actions (approve, reject, merge, recategorise, note, close),
// photos and — with 'contacts:read' only — the resident's e-mail. Reads are audit-logged.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { currentUser, guard } from '../http/guard.ts';
import { audit, auditContext } from '../auth/audit.ts';
import { applyModeration } from '../domain/moderation.ts';
import { DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_H, findDuplicates, searchBox } from '../domain/duplicates.ts';
import { getContact, getModerationReport, insertAction, listActions, listNearby, listQueue, lockState, saveState, type ModerationReport } from '../db/queries/moderation.ts';
import { getPhoto, listPhotoMeta, type PhotoMeta } from '../db/queries/photos.ts';
import { Contact, ModerationActionBody, ModerationDetail, PhotoIdParam, QueuePage, QueueQuery, ReportIdParam } from '../schemas/moderation.ts';

/** Duplicate suggestions shown per report. */
const MAX_SUGGESTIONS = 5;
const WINDOW_MS = DUPLICATE_WINDOW_H * 3600_000;

function summary(r: ModerationReport, photos: readonly PhotoMeta[]) {
  const { textPublic: _t, ...rest } = r;
  return {
    ...rest,
    observedFrom: r.observedFrom.toISOString(),
    observedTo: r.observedTo.toISOString(),
    createdAt: r.createdAt.toISOString(),
    photos: photos.map((p) => ({ ...p, url: `/api/moderation/photos/${p.id}` })),
  };
}

export function moderationRoutes(deps: AppDeps) {
  const { sql } = deps;

  /** Each report with its photos and duplicate suggestions, side by side. */
  async function withSuggestions(items: readonly ModerationReport[]) {
    const nearby = await Promise.all(
      items.map(async (r) => {
        const candidates = await listNearby(sql, searchBox(r.lat, r.lon, DUPLICATE_RADIUS_M), new Date(r.observedFrom.getTime() - WINDOW_MS), new Date(r.observedTo.getTime() + WINDOW_MS));
        return findDuplicates(r, candidates).slice(0, MAX_SUGGESTIONS);
      }),
    );
    const photos = await listPhotoMeta(sql, [...new Set([...items.map((r) => r.id), ...nearby.flat().map((d) => d.report.id)])]);
    return items.map((r, i) => ({
      ...summary(r, photos.get(r.id) ?? []),
      duplicates: nearby[i]!.map((d) => ({ ...d, report: summary(d.report, photos.get(d.report.id) ?? []) })),
    }));
  }

  return new Hono()
    .get(
      '/queue',
      describe({
        summary: 'Moderation queue',
        description: `Residents' and partners' reports awaiting moderation, newest first, each with duplicate suggestions (same or related category within ${DUPLICATE_RADIUS_M} m and ${DUPLICATE_WINDOW_H} h). Exact locations: audit-logged.`,
        tags: ['moderation'],
        responses: { 200: { description: 'A page of the queue', schema: QueuePage } },
      }),
      guard('reports:moderate'),
      validate('query', QueueQuery),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await listQueue(sql, {
          statuses: q.status ?? ['new'],
          sources: q.source ?? ['resident', 'partner'],
          categories: q.category,
          districts: q.district,
          before: q.before ? new Date(q.before) : undefined,
          limit: q.limit,
        });
        const page = rows.slice(0, q.limit);
        const items = await withSuggestions(page);
        await audit(sql, { ...auditContext(c), action: 'reports.read-exact', target: 'moderation:queue', detail: { reports: items.length }, at: deps.now() });
        const last = page.at(-1);
        return c.json({ items, nextBefore: rows.length > q.limit && last ? last.createdAt.toISOString() : null }, 200);
      },
    )
    .get(
      '/reports/:id',
      describe({ summary: 'One report for moderation, with suggestions and its action history', tags: ['moderation'], responses: { 200: { description: 'The report', schema: ModerationDetail }, 404: { description: 'No such report' } } }),
      guard('reports:moderate'),
      validate('param', ReportIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const report = await getModerationReport(sql, id);
        if (!report) throw new HttpProblem(404, `No report has id ${id}.`, { code: 'report-not-found' });
        const [item] = await withSuggestions([report]);
        await audit(sql, { ...auditContext(c), action: 'reports.read-exact', target: `report:${id}`, at: deps.now() });
        return c.json({ ...item!, actions: await listActions(sql, id) }, 200);
      },
    )
    .post(
      '/reports/:id/actions',
      describe({
        summary: 'Moderate a report',
        description: 'approve (text becomes public), reject with a reason (spam, offensive, not-our-matter), merge into another report, recategorise, set the public status note, or close. Each action is recorded with who and when.',
        tags: ['moderation'],
        responses: {
          200: { description: 'The report after the action', schema: ModerationDetail },
          404: { description: 'No such report' },
          422: { description: 'The action cannot follow the current status, or the merge target is unusable' },
        },
      }),
      guard('reports:moderate'),
      validate('param', ReportIdParam),
      validate('json', ModerationActionBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const action = c.req.valid('json');
        const user = currentUser(c);
        const at = new Date(deps.now());
        await sql.begin(async (tx) => {
          const before = await lockState(tx, id);
          if (!before) throw new HttpProblem(404, `No report has id ${id}.`, { code: 'report-not-found' });
          const target = action.action === 'merge' ? await lockState(tx, action.into) : null;
          const after = applyModeration(before, action, target);
          await saveState(tx, after, at);
          await insertAction(tx, {
            reportId: id,
            action: action.action,
            actorId: user?.id ?? null,
            actorLabel: user?.email ?? 'anonymous',
            fromStatus: before.status,
            toStatus: after.status,
            fromCategory: before.category === after.category ? null : before.category,
            toCategory: before.category === after.category ? null : after.category,
            reason: action.action === 'reject' ? action.reason : null,
            mergedInto: action.action === 'merge' ? action.into : null,
            note: after.publicNote === before.publicNote ? null : after.publicNote,
            at,
          });
        });
        const report = await getModerationReport(sql, id);
        const [item] = await withSuggestions([report!]);
        return c.json({ ...item!, actions: await listActions(sql, id) }, 200);
      },
    )
    .get(
      '/photos/:photoId',
      describe({ summary: "A report's photo (re-encoded JPEG, no metadata)", tags: ['moderation'], responses: { 200: { description: 'JPEG', contentType: 'image/jpeg' }, 404: { description: 'No such photo' } } }),
      guard('reports:moderate'),
      validate('param', PhotoIdParam),
      async (c) => {
        const { photoId } = c.req.valid('param');
        const photo = await getPhoto(sql, photoId);
        if (!photo) throw new HttpProblem(404, `No photo has id ${photoId}.`, { code: 'photo-not-found' });
        return c.body(new Uint8Array(photo.bytes), 200, { 'Content-Type': photo.contentType, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
      },
    )
    .get(
      '/reports/:id/contact',
      describe({ summary: "The resident's e-mail (needs contacts:read; audit-logged)", tags: ['moderation'], responses: { 200: { description: 'Contact', schema: Contact }, 404: { description: 'No contact left' } } }),
      guard('contacts:read'),
      validate('param', ReportIdParam),
      async (c) => {
        const { id } = c.req.valid('param');
        const contact = await getContact(sql, id);
        await audit(sql, { ...auditContext(c), action: 'contacts.read', target: `report:${id}`, detail: { found: contact !== null }, at: deps.now() });
        if (!contact) throw new HttpProblem(404, `Report ${id} has no contact details.`, { code: 'contact-not-found' });
        return c.json({ ...contact, consentedAt: contact.consentedAt.toISOString() }, 200);
      },
    );
}
