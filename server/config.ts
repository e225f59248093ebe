// The environment, parsed once. Every other module receives what it needs as arguments.
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  /** A real PostgreSQL server; without it the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL schema to work in (created when missing); unset = the server's search_path. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier').optional(),
  DATA_DIR: z.string().default('./data'),
  /** Server processes on the one port: a number, or 'auto' for one per CPU core. Needs DATABASE_URL; the embedded database serves one. */
  WORKERS: z.string().regex(/^(auto|[1-9]\d{0,2})$/, "a whole number of processes, or 'auto'").default('1'),
  /** Walkable network loaded on first start when the database has none (GeoJSON, .osm or .osm.pbf). */
  STREETS_FILE: z.string().optional(),
  /** Seed demo reports on first start of an empty database ('0' to turn off). */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** Optional online basemap style URL; the offline style is used when unset. */
  BASEMAP_STYLE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** '1' in `npm run dev`: Vite serves the client, the API process neither builds nor serves it. */
  SKIP_CLIENT_BUILD: z.enum(['0', '1']).default('0'),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** How many server processes WORKERS asks for ('auto': one per core). */
export function workerCount(workers: string, cores: number): number {
  return workers === 'auto' ? Math.max(1, cores) : Number(workers);
}
