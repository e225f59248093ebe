// Zod schemas for the admin's public-disclosure settings (server/domain/disclosure.ts).
import { z } from 'zod';
import { CATEGORY_CODES, SOURCES } from '../domain/categories.ts';

const Setting = z.object({ value: z.string(), public: z.boolean(), default: z.boolean().describe('The value when no admin has set it') });

export const DisclosureSettings = z.object({
  minReportsPerCell: z.number().int().describe('A public cell is drawn only with at least this many reports in the window'),
  categories: z.array(Setting.extend({ sv: z.string(), en: z.string() })),
  sources: z.array(Setting),
});

export const DisclosureChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('category'), value: z.enum(CATEGORY_CODES), public: z.boolean() }),
  z.strictObject({ kind: z.literal('source'), value: z.enum(SOURCES), public: z.boolean() }),
]);
