// Auth costs on the real PostgreSQL server: the scrypt hash (≥ 50 ms of work by design),
// sign-in latency under load (p99), and authenticated GET throughput with a session cookie or
// an API token as a ratio to the same route called anonymously. The load comes from a second
// process (this file forked with AUTH_BENCH_LOAD=1) running autocannon on 127.0.0.1.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEFAULT_SCRYPT_COST, hashPassword } from '../../server/auth/password.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { createApiToken } from '../../server/auth/api-tokens.ts';
import { POSTGRES_URL, isReachable, openBenchSchema } from './bench-setup.ts';
import { startApiServer } from './api-server.ts';
import { printTable, type BenchRow } from './bench-table.ts';

interface Load {
  url: string;
  method: 'GET' | 'POST';
  connections: number;
  durationS?: number;
  amount?: number;
  headers?: Record<string, string>;
  bodies?: string[];
}
interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
}

const SELF = fileURLToPath(import.meta.url);
const HASHES = 15;
const SIGN_INS = 60;
const SIGN_IN_CONNECTIONS = 2; // one per core: the p99 shows the hash, not a queue
const GET_CONNECTIONS = 50;
const GET_S = 6;

function runLoad(msg: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, AUTH_BENCH_LOAD: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const bound = setTimeout(() => child.kill('SIGKILL'), ((msg.durationS ?? 60) + 30) * 1000); // a hung generator cannot stall the bench
    child.once('message', (r: LoadResult) => (clearTimeout(bound), resolve(r)));
    child.once('exit', (code) => (clearTimeout(bound), reject(new Error(`load generator exited (${code}) without a result`))));
    child.send(msg);
  });
}

function loadChild() {
  process.once('message', (msg: Load) => {
    let next = 0;
    autocannon(
      {
        url: msg.url,
        connections: msg.connections,
        ...(msg.amount ? { amount: msg.amount } : { duration: msg.durationS ?? 5 }),
        requests: [{ method: msg.method, headers: { 'content-type': 'application/json', ...msg.headers }, ...(msg.bodies ? { setupRequest: (req) => ({ ...req, body: msg.bodies![next++ % msg.bodies!.length]! }) } : {}) }],
      },
      (err, r) => {
        if (err) throw err;
        const result: LoadResult = { rps: r.requests.total / (r.duration || 1), p50Ms: r.latency.p50, p99Ms: r.latency.p99, ok2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors };
        process.send!(result, () => process.exit(0));
      },
    );
  });
}

const faults = (r: LoadResult) => (r.non2xx + r.errors === 0 ? `${r.ok2xx} × 2xx, no errors` : `${r.non2xx} non-2xx, ${r.errors} errors`);

async function main() {
  // 1. The hash itself, one at a time on one core.
  const times: number[] = [];
  for (let i = 0; i < HASHES; i++) {
    const t = performance.now();
    await hashPassword(`password-${i}-long-enough`, DEFAULT_SCRYPT_COST);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const hashMs = times[Math.floor(times.length / 2)]!;
  const rows: BenchRow[] = [{ name: `scrypt hash (N=2^${Math.log2(DEFAULT_SCRYPT_COST.N)}, r=${DEFAULT_SCRYPT_COST.r}, p=${DEFAULT_SCRYPT_COST.p}) median`, value: hashMs, unit: 'ms', target: 50, note: `${(128 * DEFAULT_SCRYPT_COST.N * DEFAULT_SCRYPT_COST.r) / 1024 / 1024} MiB per hash; ${HASHES} hashes` }];

  if (!(await isReachable())) {
    console.log(`PostgreSQL at ${POSTGRES_URL} is not reachable: only the hash is measured.`);
    printTable('Auth', rows);
    return;
  }
  const db = await openBenchSchema(POSTGRES_URL, 20);
  const server = await startApiServer(db.sql);
  try {
    const users = await Promise.all(Array.from({ length: 20 }, (_, i) => createAccount(db.sql, { email: `bench-${i}@example.se`, role: 'chief', password: `bench-password-${i}` }, Date.now())));
    const bodies = users.map((u, i) => JSON.stringify({ email: u.user.email, password: `bench-password-${i}` }));

    // 2. Sign-in under load: each one is a full scrypt check plus a session and an audit row.
    console.log(`Sign-in: ${SIGN_INS} sign-ins over ${SIGN_IN_CONNECTIONS} connections…`);
    const signIn = await runLoad({ url: `${server.url}/api/auth/login`, method: 'POST', connections: SIGN_IN_CONNECTIONS, amount: SIGN_INS, bodies, durationS: 150 });
    rows.push({ name: `POST /api/auth/login p99 (${SIGN_IN_CONNECTIONS} conns)`, value: signIn.p99Ms, unit: 'ms', baseline: hashMs, baselineNote: 'one hash', note: `p50 ${signIn.p50Ms} ms, ${signIn.rps.toFixed(1)} sign-ins/s on 2 cores; ${faults(signIn)}` });

    // 3. Authenticated GET: the same public route anonymously, with a session cookie, with a token.
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bodies[0] });
    const cookie = /tk_session=[^;]+/.exec(login.headers.get('Set-Cookie') ?? '')![0];
    const { token } = await createApiToken(db.sql, { name: 'bench', userId: users[0]!.user.id, scopes: ['analytics:read', 'reports:read'], createdBy: null, nowMs: Date.now(), expiresMs: null });
    const route = `${server.url}/api/categories`;
    console.log(`GET /api/categories: anonymous, session, token; ${GET_CONNECTIONS} connections, ${GET_S} s each…`);
    await runLoad({ url: route, method: 'GET', connections: GET_CONNECTIONS, durationS: 2 }); // warm-up
    const anon = await runLoad({ url: route, method: 'GET', connections: GET_CONNECTIONS, durationS: GET_S });
    const session = await runLoad({ url: route, method: 'GET', connections: GET_CONNECTIONS, durationS: GET_S, headers: { cookie } });
    const bearer = await runLoad({ url: route, method: 'GET', connections: GET_CONNECTIONS, durationS: GET_S, headers: { authorization: `Bearer ${token}` } });
    rows.push(
      { name: 'GET anonymous (baseline) requests/s', value: anon.rps, unit: 'req/s', note: `p99 ${anon.p99Ms} ms; ${faults(anon)}` },
      { name: 'GET with session cookie requests/s', value: session.rps, unit: 'req/s', baseline: anon.rps, baselineNote: 'anonymous, this run', note: `p99 ${session.p99Ms} ms; one session lookup per request; ${faults(session)}` },
      { name: 'GET with API token requests/s', value: bearer.rps, unit: 'req/s', baseline: anon.rps, baselineNote: 'anonymous, this run', note: `p99 ${bearer.p99Ms} ms; ${faults(bearer)}` },
    );
  } finally {
    await server.stop();
    await db.drop();
  }
  printTable(`Auth on the real server (${POSTGRES_URL}); load from a second process`, rows);
}

if (process.env.AUTH_BENCH_LOAD === '1') loadChild();
else
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
