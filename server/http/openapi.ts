// Builds the OpenAPI 3.1 document from the routes registered on the app and the zod schemas
// their validators and `describe` blocks carry.
import { z } from 'zod';
import { OPENAPI_META, type DescribeMeta, type ValidatorMeta } from './validate.ts';
import type { GuardMeta } from './guard.ts';
import { FIELD_ERROR_CODES, PROBLEM_CODES } from './problem-codes.ts';

interface RouteLike {
  method: string;
  path: string;
  handler: unknown;
}

type Json = Record<string, unknown>;

/**
 * Hono path → OpenAPI path: `:id` → `{id}`; a regex parameter `:file{…\.gpx}` → `{file}.gpx`
 * (the extension its pattern ends with), so routes that differ only by extension stay apart.
 */
export function toOpenApiPath(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] !== ':') {
      out += path[i];
      continue;
    }
    let j = i + 1;
    while (j < path.length && /\w/.test(path[j]!)) j++;
    const name = path.slice(i + 1, j);
    let pattern = '';
    if (path[j] === '{') {
      let depth = 0;
      let k = j;
      for (; k < path.length; k++) {
        if (path[k] === '{') depth++;
        else if (path[k] === '}' && --depth === 0) break;
      }
      pattern = path.slice(j + 1, k);
      j = k + 1;
    }
    const ext = /\\\.(\w+)$/.exec(pattern)?.[1];
    out += `{${name}}${ext ? `.${ext}` : ''}`;
    i = j - 1;
  }
  return out;
}

function toSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

const PROBLEM_CONTENT = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const PROBLEM = { description: 'Problem Details (RFC 9457)', ...PROBLEM_CONTENT };

export function buildOpenApi(routes: readonly RouteLike[], info: { title: string; version: string; description: string }): Json {
  const ops = new Map<string, { method: string; path: string; metas: (ValidatorMeta | DescribeMeta | GuardMeta)[] }>();
  for (const r of routes) {
    const meta = (r.handler as Record<symbol, ValidatorMeta | DescribeMeta | GuardMeta | undefined>)[OPENAPI_META];
    if (!meta || r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    const op = ops.get(key) ?? { method: r.method.toLowerCase(), path: r.path, metas: [] };
    op.metas.push(meta);
    ops.set(key, op);
  }

  const paths: Record<string, Json> = {};
  for (const { method, path, metas } of ops.values()) {
    const doc = metas.find((m): m is DescribeMeta => m.kind === 'describe');
    if (!doc) continue;
    const oaPath = toOpenApiPath(path);
    const parameters: Json[] = [];
    let requestBody: Json | undefined;
    for (const m of metas) {
      if (m.kind !== 'validator') continue;
      const s = toSchema(m.schema);
      if (m.target === 'json') {
        requestBody = { required: true, content: { 'application/json': { schema: s } } };
      } else if (m.target === 'query' || m.target === 'param' || m.target === 'header') {
        const props = (s.properties ?? {}) as Record<string, Json>;
        const required = new Set((s.required as string[] | undefined) ?? []);
        const where = m.target === 'param' ? 'path' : m.target;
        for (const [name, schema] of Object.entries(props)) {
          const { description, ...rest } = schema;
          parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: rest, ...(description ? { description } : {}) });
        }
      }
    }
    for (const h of doc.headers ?? []) parameters.push({ name: h.name, in: 'header', required: false, schema: { type: 'string' }, description: h.description });
    if (doc.requestBody) {
      requestBody = { required: true, description: doc.requestBody.description, content: { [doc.requestBody.contentType]: { schema: { type: 'string', format: 'binary' } } } };
    }
    const responses: Json = {};
    for (const [status, r] of Object.entries(doc.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema) } } } : {}),
      };
    }
    const guardMeta = metas.find((m): m is GuardMeta => m.kind === 'guard');
    if (guardMeta?.permission) {
      responses['401'] ??= { description: 'Not signed in (or a bad API token)', ...PROBLEM_CONTENT };
      responses['403'] ??= { description: `The role (or token scope) lacks ${guardMeta.permission}`, ...PROBLEM_CONTENT };
    }
    responses.default = PROBLEM;
    paths[oaPath] ??= {};
    paths[oaPath][method] = {
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ...(doc.tags ? { tags: doc.tags } : {}),
      ...(guardMeta ? { security: guardMeta.permission ? [{ session: [] }, { bearer: [] }] : [], 'x-permission': guardMeta.permission ?? 'public' } : {}),
      operationId: `${method}${oaPath.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info,
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'tk_session', description: 'Session from POST /api/auth/login (HttpOnly, SameSite=Lax). Writes must come from this origin.' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token created by an admin (POST /api/admin/tokens), scoped to permissions.' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail'],
          description: 'Every error. `code` is stable (see its enum); the members its code names (e.g. lat, lon, retryAfterS) sit beside `detail`, which is English prose for people, not for parsing.',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(PROBLEM_CODES), description: Object.entries(PROBLEM_CODES).map(([c, s]) => `${c}: ${s.means}`).join('\n') },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string' },
                  message: { type: 'string' },
                  code: { type: 'string', enum: [...Object.keys(FIELD_ERROR_CODES), ...Object.keys(PROBLEM_CODES)] },
                  params: { type: 'object' },
                },
              },
            },
          },
        },
      },
    },
  };
}
