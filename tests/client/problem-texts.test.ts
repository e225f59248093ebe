// Every problem code the server can send, and every field error code and request field, has a
// Swedish and an English text; values in the texts come from the problem's members.
import { describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from '../../server/http/problem-codes.ts';
import { FIELD_ERROR_TEXTS, PROBLEM_TEXTS, renderText } from '../../client/i18n/problem-texts.ts';
import { FIELD_LABELS } from '../../client/i18n/field-labels.ts';
import { fieldErrorMessage, problemMessage } from '../../client/i18n/problem-message.ts';
import { problemFromBody } from '../../client/api/problem-error.ts';
import { createApp } from '../../server/app.ts';
import { LANGS } from '../../client/i18n/messages.ts';

/** A plausible value for each param a code names. */
const SAMPLE: Record<string, unknown> = {
  lat: 58.410013, lon: 15.6, week: '2026-W48', organisation: 'stangastaden', actionId: '0b6f3c52-5a43-4c1e-9d7b-2a1d1f0e8c11', districts: ['Berga', 'Ryd', 'Skäggetorp'], retryAfterS: 600, retryAt: '2026-03-01T12:10:00Z',
  limitBytes: 65536, method: 'POST', path: '/api/x', permission: 'reports:read', minLength: 10, maxLength: 200, email: 'a@b.se',
  team: 'ryd', id: 'x', role: 'partner', scopes: ['reports:read'], maxDays: 7, source: 'staff', maxMb: 10, status: 'merged',
  action: 'approve', targetStatus: 'rejected', resolution: 7, value: 'xx', district: 'Ryd', base: 'b', expected: 'number',
  minimum: 3, maximum: 9, origin: 'string', format: 'email', values: ['a', 'b'], keys: ['zz'], divisor: 2,
};

function paramsOf(names: readonly string[] | undefined): Record<string, unknown> {
  return Object.fromEntries((names ?? []).map((n) => {
    expect(SAMPLE, `no sample value for param ${n}`).toHaveProperty(n);
    return [n, SAMPLE[n]];
  }));
}

function expectWords(text: string) {
  expect(text.trim().length).toBeGreaterThan(1);
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
}

describe('problem texts', () => {
  it('has a Swedish and an English text for every problem code the server can send', () => {
    for (const [code, spec] of Object.entries(PROBLEM_CODES)) {
      expect(PROBLEM_TEXTS, `no texts for ${code}`).toHaveProperty(code);
      const texts = PROBLEM_TEXTS[code as keyof typeof PROBLEM_TEXTS];
      const sv = renderText(texts.sv, paramsOf(spec.params), 'sv');
      const en = renderText(texts.en, paramsOf(spec.params), 'en');
      expectWords(sv);
      expectWords(en);
      expect(sv, `${code}: the Swedish text is the English one`).not.toBe(en);
    }
  });

  it('has texts for every field error code, and a label in both languages for every request field in the API', async () => {
    for (const [code, spec] of Object.entries(FIELD_ERROR_CODES)) {
      for (const lang of LANGS) expectWords(renderText(FIELD_ERROR_TEXTS[code as keyof typeof FIELD_ERROR_TEXTS][lang], paramsOf(spec.params), lang));
    }
    const app = createApp({ sql: {} as never, area: {} as never, now: Date.now, newId: () => 'x', log: { info() {}, warn() {}, error() {} }, basemapStyleUrl: null });
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, OpenApiOp>> };
    const fields = new Set<string>();
    const walk = (s: JsonSchema | undefined) => {
      for (const [k, v] of Object.entries(s?.properties ?? {})) {
        fields.add(k);
        walk(v);
        walk(v.items);
      }
    };
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const p of op.parameters ?? []) if (p.in !== 'header') fields.add(p.name);
        for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema);
      }
    }
    expect(fields.size).toBeGreaterThan(50);
    const missing = [...fields].filter((f) => !FIELD_LABELS[f]?.sv || !FIELD_LABELS[f]?.en);
    expect(missing, 'request fields without a Swedish and English label (client/i18n/field-labels.ts)').toEqual([]);
  });

  it('words the Swedish report form\'s outside-area answer in Swedish, with the coordinates from the problem\'s members', () => {
    const body = {
      type: 'about:blank', title: 'Unprocessable Content', status: 422, code: 'outside-area',
      detail: 'The point (58.410013, 15.6) lies outside every district of the area. Reports are taken within: Berga, Ryd.',
      errors: [{ path: 'lat', message: 'The point … lies outside', code: 'outside-area', params: { lat: 58.410013, lon: 15.6, districts: ['Berga', 'Ryd'] } }],
      lat: 58.410013, lon: 15.6, districts: ['Berga', 'Ryd'],
    };
    const err = problemFromBody(422, '', body);
    const sv = problemMessage(err, 'sv');
    expect(sv).toBe('Platsen (58,41001, 15,6) ligger utanför områdena. Rapporter tas emot inom Berga och Ryd.');
    expect(problemMessage(err, 'en')).toBe('The place (58.41001, 15.6) lies outside the areas. Reports are taken within Berga and Ryd.');
    expect(sv).not.toContain('outside');
  });

  it('puts the field label before a field error, in the language asked for', () => {
    expect(fieldErrorMessage({ path: 'description', message: 'Too big', code: 'too-big', params: { maximum: 2000, origin: 'string' } }, 'sv')).toBe('Beskrivning: får ha högst 2000 tecken');
    expect(fieldErrorMessage({ path: 'category', message: 'Invalid input', code: 'required' }, 'en')).toBe('Category: is required');
  });

  it('says when to try again from retryAfterS and retryAt, in Stockholm time', () => {
    const err = problemFromBody(429, '', { status: 429, code: 'locked', detail: 'locked for 15 min', retryAfterS: 900, retryAt: '2026-03-01T12:15:00Z' });
    expect(problemMessage(err, 'sv')).toContain('om 15 min (kl. 13:15)');
    expect(problemMessage(err, 'en')).toContain('in 15 min (at 13:15)');
  });
});

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}
interface OpenApiOp {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
