// `npm run user -- add EMAIL --role ROLE [--team TEAM] [--password PASSWORD]`: creates an account
// (the first admin too) in DATABASE_URL or the embedded ./data. Without --password it asks on
// a terminal, or prints a generated one. `npm run user -- list` lists the accounts.
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { DataDirBusyError } from '../db/embedded.ts';
import { openCliDatabase } from './cli-database.ts';
import { createAccount } from '../auth/accounts.ts';
import { ACCOUNT_ROLES, isAccountRole } from '../auth/permissions.ts';
import { audit } from '../auth/audit.ts';
import { listUsers } from '../db/queries/users.ts';
import { HttpProblem } from '../http/problem.ts';

const USAGE = `Usage:
  npm run user -- add EMAIL --role ROLE [--team TEAM] [--password PASSWORD]
  npm run user -- list
Roles: ${ACCOUNT_ROLES.join(', ')}. A team that does not exist yet is created.`;

/** Reads a line without echoing it (a password on a terminal). */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => (muted || process.stdout.write(chunk), done()) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function askPassword(): Promise<string> {
  const first = await askHidden('Password (empty: generate one): ');
  if (first === '') return '';
  const again = await askHidden('Password again: ');
  if (again !== first) throw new Error('The passwords differ; nothing was created.');
  return first;
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, team: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, email] = positionals;
  if (values.help || !command || (command === 'add' && !email) || !['add', 'list'].includes(command)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  if (command === 'add' && !isAccountRole(values.role)) throw new Error(`--role must be one of ${ACCOUNT_ROLES.join(', ')}.\n${USAGE}`);

  let password = values.password;
  if (command === 'add' && password === undefined && process.stdin.isTTY) password = (await askPassword()) || undefined;

  const db = await openCliDatabase();
  const { sql } = db;
  try {
    if (command === 'list') {
      for (const u of await listUsers(sql)) console.log(`${u.email}\t${u.role}\t${u.team ?? '-'}${u.disabled ? '\tdisabled' : ''}`);
      return;
    }
    const role = values.role as (typeof ACCOUNT_ROLES)[number];
    const created = await createAccount(sql, { email: email!, role, team: values.team ?? null, password, createTeam: true }, Date.now());
    await audit(sql, { actor: { id: null, label: `cli (${process.env.USER ?? 'unknown'})` }, action: 'users.create', target: `user:${created.user.id}`, detail: { email: created.user.email, role, team: created.user.team } });
    console.log(`Created ${created.user.email} (${role}${created.user.team ? `, team ${created.user.team}` : ''}).`);
    if (created.password) console.log(`Password (shown once): ${created.password}`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  if (err instanceof DataDirBusyError) {
    console.error(`${err.message}\nOr create the account in the running app: sign in as an admin and use POST /api/admin/users (Admin → Users).`);
  } else if (err instanceof HttpProblem) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
