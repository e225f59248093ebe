// Zod schemas for the moderation queue and its actions.
import { z } from 'zod';
import { CATEGORY_CODES, REJECT_REASONS, SOURCES, STATUSES } from '../domain/categories.ts';
import { csvList } from './common.ts';

const note = z.string().max(500, 'at most 500 characters').nullish().describe('Public status note shown with the report (empty clears it)');

export const ModerationActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('approve'), note }),
  z.strictObject({ action: z.literal('reject'), reason: z.enum(REJECT_REASONS).describe('spam, offensive or not-our-matter'), note }),
  z.strictObject({ action: z.literal('merge'), into: z.uuid().describe('The report this one duplicates'), note }),
  z.strictObject({ action: z.literal('recategorise'), category: z.enum(CATEGORY_CODES) }),
  z.strictObject({ action: z.literal('note'), note: z.string().max(500).nullable() }),
  z.strictObject({ action: z.literal('close'), note }),
]);

export const QueueQuery = z.object({
  status: csvList(z.enum(STATUSES)).optional().describe('Statuses; default new'),
  source: csvList(z.enum(SOURCES)).optional().describe('Sources; default resident and partner'),
  category: csvList(z.enum(CATEGORY_CODES)).optional(),
  district: csvList(z.string().max(64)).optional(),
  before: z.iso.datetime({ offset: true }).optional().describe('nextBefore of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const Summary = z.object({
  id: z.uuid(),
  category: z.string(),
  lat: z.number().describe('Exact point (staff only)'),
  lon: z.number(),
  cell: z.string(),
  district: z.string(),
  observedFrom: z.string(),
  observedTo: z.string(),
  description: z.string().nullable(),
  source: z.string(),
  status: z.string(),
  publicNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  hasContact: z.boolean(),
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), widthPx: z.number(), heightPx: z.number() })),
});

export const QueueItem = Summary.extend({
  duplicates: z.array(z.object({ report: Summary, distanceM: z.number(), gapH: z.number(), sameCategory: z.boolean() })),
});

export const QueuePage = z.object({ items: z.array(QueueItem), nextBefore: z.string().nullable() });

export const ModerationDetail = QueueItem.extend({
  actions: z.array(
    z.object({
      action: z.string(),
      actor: z.string(),
      fromStatus: z.string(),
      toStatus: z.string(),
      fromCategory: z.string().nullable(),
      toCategory: z.string().nullable(),
      reason: z.string().nullable(),
      mergedInto: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const Contact = z.object({ email: z.string(), consentText: z.string(), consentedAt: z.string() });

export const ReportIdParam = z.object({ id: z.uuid({ message: 'id must be a UUID' }) });
export const PhotoIdParam = z.object({ photoId: z.uuid({ message: 'photoId must be a UUID' }) });
