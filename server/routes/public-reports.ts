// /api/public: the residents' report form (no sign-in), its receipt and status page, and the
// pins for the public map under the disclosure rule (server/domain/disclosure.ts) — always masked
// (cell centre, hour, approved text only) — and the weekly counts of what the pins withhold.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps.ts';
import { describe, validate } from '../http/validate.ts';
import { HttpProblem } from '../http/problem.ts';
import { guard } from '../http/guard.ts';
import { once, readIdempotencyKey } from '../http/idempotency.ts';
import { prepareReport } from '../domain/report.ts';
import { maskReport } from '../domain/mask-report.ts';
import { MAX_PHOTO_BYTES } from '../domain/photo-policy.ts';
import { reencodePhoto } from '../resident/reencode-photo.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { getReportByTokenHash, insertResidentReport, listPublicPins } from '../db/queries/public-reports.ts';
import { loadDisclosurePolicy, weeklyWithheldCounts } from '../db/queries/disclosure.ts';
import { listDistricts } from '../db/queries/districts.ts';
import { MIN_REPORTS_PER_CELL } from '../domain/disclosure.ts';
import { CATEGORY_CODES, SOURCES } from '../domain/categories.ts';
import { localHour } from '../domain/aoristic.ts';
import { weekStarts } from '../domain/trend-analysis.ts';
import { parseLocalDate } from '../domain/stockholm-time.ts';
import { CONSENT_TEXT_SV, PublicPinCollection, PublicPinQuery, PublicReportForm, PublicReportView, Receipt, TokenParam, WeeklyCountsQuery, WeeklyCountsResponse } from '../schemas/public-reports.ts';

/** Multipart overhead allowed on top of the largest photo. */
export const PUBLIC_REPORT_BODY_LIMIT_BYTES = MAX_PHOTO_BYTES + 256 * 1024;
/** Reports one address may file per window (a family on one router stays well below it). */
export const PUBLIC_REPORTS_PER_WINDOW = 10;
export const PUBLIC_REPORT_WINDOW_MS = 15 * 60_000;
/** The public map shows at most this many residents' pins. */
export const PUBLIC_PIN_LIMIT = 5000;
const DEFAULT_PUBLIC_STATUSES = ['approved'] as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTrackingToken(): string {
  return randomBytes(24).toString('base64url'); // 32 characters, 192 bits
}

export function trackingPaths(token: string) {
  return { trackingUrl: `/rapportera/kvitto/${token}`, statusUrl: `/api/public/reports/${token}` };
}

export function publicReportRoutes(deps: AppDeps) {
  const { sql } = deps;
  const limiter = rateLimit(sql, { limit: PUBLIC_REPORTS_PER_WINDOW, windowMs: PUBLIC_REPORT_WINDOW_MS, now: deps.now, what: 'reports' });
  return new Hono()
    .post(
      '/reports',
      describe({
        summary: 'File a report as a resident (no sign-in)',
        description:
          'multipart/form-data (or x-www-form-urlencoded without a photo). The photo is re-encoded to JPEG ≤ 1600 px with all metadata (EXIF, GPS) removed. ' +
          'The e-mail is stored apart from the report and needs consent. Repeating the same idempotencyKey (or Idempotency-Key header) returns the first receipt. ' +
          `Rate limit: ${PUBLIC_REPORTS_PER_WINDOW} reports per ${PUBLIC_REPORT_WINDOW_MS / 60_000} minutes per address.`,
        tags: ['public'],
        headers: [{ name: 'Idempotency-Key', description: 'Alternative to the idempotencyKey form field' }],
        responses: {
          201: { description: 'The receipt with the tracking token', schema: Receipt },
          413: { description: 'Photo larger than 10 MB' },
          415: { description: 'Photo is not a readable JPEG/PNG/HEIC' },
          422: { description: 'Invalid field (errors list the fields)' },
          429: { description: 'Too many reports from this address' },
        },
      }),
      guard('reports:create'),
      limiter,
      bodyLimit({
        maxSize: PUBLIC_REPORT_BODY_LIMIT_BYTES,
        onError: () => {
          throw new HttpProblem(413, 'The report is larger than 10 MB; choose a smaller photo.', { code: 'photo-too-large', errors: [{ path: 'photo', message: 'larger than 10 MB', code: 'photo-too-large', params: { maxMb: 10 } }], extensions: { maxMb: 10 } });
        },
      }),
      async (c, next) => {
        const type = c.req.header('Content-Type') ?? '';
        if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
          throw new HttpProblem(415, 'Send the report as multipart/form-data (with a photo) or application/x-www-form-urlencoded. JSON clients can use POST /api/reports.', { code: 'form-required' });
        }
        // Read the body once here (Hono caches it for the validator) so a broken multipart body is a 400, not a 500.
        await c.req.parseBody().catch(() => {
          throw new HttpProblem(400, 'The form body could not be read: it is not well-formed multipart/form-data or x-www-form-urlencoded.', { code: 'form-unreadable' });
        });
        await next();
      },
      validate('form', PublicReportForm),
      async (c) => {
        const { photo, website, idempotencyKey, email, consent: _consent, ...fields } = c.req.valid('form');
        const token = newTrackingToken();
        const justNow = fields.observedAt || fields.observedFrom || fields.observedTo ? undefined : new Date(deps.now());
        const row = prepareReport({ ...fields, observedAt: fields.observedAt ?? justNow, source: 'resident' }, await deps.area.index(), deps.newId(), deps.now());
        if (website) {
          // Honeypot filled in: a bot. Answer like a success and store nothing.
          deps.log.warn('honeypot report dropped', { requestId: c.get('requestId' as never) });
          return c.json({ trackingToken: token, ...trackingPaths(token), hasPhoto: Boolean(photo), hasContact: Boolean(email), report: maskReport({ ...row, publicNote: null, textPublic: false }) }, 201);
        }
        const key = idempotencyKey ?? readIdempotencyKey(c.req.header('Idempotency-Key'));
        const photoBytes = photo ? new Uint8Array(await photo.arrayBuffer()) : null;
        const encoded = photoBytes ? await reencodePhoto(photoBytes) : null;
        const hashedBody = { ...fields, email: email ?? null, photo: photoBytes ? createHash('sha256').update(photoBytes).digest('hex') : null };
        const res = await once(sql, 'POST /api/public/reports', key, hashedBody, 201, async (tx) => {
          await insertResidentReport(tx, {
            row,
            tokenHash: hashToken(token),
            photo: encoded,
            photoId: deps.newId(),
            at: new Date(deps.now()),
            contact: email ? { email, consentText: CONSENT_TEXT_SV, consentedAt: new Date(deps.now()) } : null,
          });
          return { trackingToken: token, ...trackingPaths(token), hasPhoto: encoded !== null, hasContact: Boolean(email), report: maskReport({ ...row, publicNote: null, textPublic: false }) };
        });
        if (res.replayed) c.header('Idempotent-Replayed', 'true');
        c.header('Location', res.body.statusUrl);
        return c.json(res.body, 201);
      },
    )
    .get(
      '/reports/:token',
      describe({
        summary: "A resident's report by tracking token",
        description: 'What the resident may see: category, cell centre, hour-rounded time, status, public note, and the text once approved. Never the e-mail or exact point.',
        tags: ['public'],
        responses: { 200: { description: 'The report as the public sees it', schema: PublicReportView }, 404: { description: 'Unknown token' } },
      }),
      guard.public(),
      validate('param', TokenParam),
      async (c) => {
        const { token } = c.req.valid('param');
        const row = await getReportByTokenHash(sql, hashToken(token));
        if (!row) throw new HttpProblem(404, 'No report has this tracking token. Check that the whole link was copied.', { code: 'tracking-token-not-found' });
        return c.json(maskReport(row), 200);
      },
    )
    .get(
      '/pins',
      describe({
        summary: 'Reports for the public map',
        description:
          `Reports that moderation approved, from residents and partners, at their H3 cell centre, hour-rounded, text only once approved. ` +
          `Police reports and the sensitive categories (hot-vald, narkotika) are never pins (GET /api/public/weekly-counts counts them per district and week); an admin may change per category and source what is public (GET /api/admin/disclosure). ` +
          `A cell is drawn only when at least ${MIN_REPORTS_PER_CELL} reports of the answer fall in it within the window (small-number suppression). Closed reports only when asked for.`,
        tags: ['public'],
        responses: { 200: { description: 'Pins', schema: PublicPinCollection } },
      }),
      guard.public(),
      validate('query', PublicPinQuery),
      async (c) => {
        const q = c.req.valid('query');
        const since = new Date(deps.now() - q.days * 24 * 3600_000);
        const policy = await loadDisclosurePolicy(sql);
        const { rows, total } = await listPublicPins(sql, { since, statuses: q.status ?? DEFAULT_PUBLIC_STATUSES, categories: q.categories, limit: PUBLIC_PIN_LIMIT, policy });
        return c.json(
          {
            type: 'FeatureCollection' as const,
            total,
            truncated: total > rows.length,
            features: rows.map((r) => {
              const { lat, lon, ...properties } = maskReport(r);
              return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] }, properties };
            }),
          },
          200,
        );
      },
    )
    .get(
      '/weekly-counts',
      describe({
        summary: 'Weekly counts per district of the reports withheld from the public map',
        description:
          'What the public sees of police reports and of the sensitive categories (and of any category or source an admin made non-public): the number of reports per district, ISO week (Monday, Europe/Stockholm, by the end of the observed window) and category. ' +
          'Rejected and merged reports never count; residents\' and partners\' reports count once moderation approved them.',
        tags: ['public'],
        responses: { 200: { description: 'Counts', schema: WeeklyCountsResponse } },
      }),
      guard.public(),
      validate('query', WeeklyCountsQuery),
      async (c) => {
        const { weeks: n } = c.req.valid('query');
        // The n weeks up to and including the current one: the complete weeks before next week.
        const nextWeek = new Date(Date.parse(`${localHour(deps.now()).localDate}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
        const weeks = weekStarts(nextWeek, n);
        const from = new Date(parseLocalDate(weeks[0]!));
        const to = new Date(deps.now());
        const [policy, districts] = await Promise.all([loadDisclosurePolicy(sql), listDistricts(sql)]);
        const rows = await weeklyWithheldCounts(sql, policy, from, to);
        return c.json(
          {
            weeks,
            districts: districts.map((d) => ({ id: d.id, name: d.name })),
            withheld: { categories: CATEGORY_CODES.filter((x) => !policy.categories.includes(x)), sources: SOURCES.filter((x) => !policy.sources.includes(x)) },
            rows,
          },
          200,
        );
      },
    );
}
