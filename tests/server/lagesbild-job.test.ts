// The Monday 06:00 job: two processes (two connection pools on PostgreSQL) racing make the
// week's draft once and e-mail each partner once through a local SMTP server started here;
// without SMTP_URL no mail is attempted and the lägesbild says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../helpers/databases.ts';
import { makeTestApp } from '../helpers/test-app.ts';
import { createSql, type Sql } from '../../server/db/sql.ts';
import { runDraftJob } from '../../server/jobs/lagesbild-draft.ts';
import { makeMailer } from '../../server/mail/mailer.ts';
import { makeLogger } from '../../server/logger.ts';
import { setMember, upsertOrganisation } from '../../server/db/queries/organisations.ts';
import { parseIsoWeek } from '../../server/domain/iso-week.ts';

/** Monday 30 November 2026, 06:30 in Stockholm: the draft of 2026-W48 is due. */
const MONDAY_0630 = Date.parse('2026-11-30T05:30:00Z');

interface Received {
  to: string[];
  body: string;
}

function startSmtp(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (b: Buffer) => (body += b.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

describe.each(databaseTargets())('Monday draft job on $name', (target) => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  let second: Sql;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let partnerEmail: string;

  beforeAll(async () => {
    t = await makeTestApp(target, { as: 'chief', now: () => MONDAY_0630 });
    smtp = await startSmtp();
    if (target.url) {
      // A second process: its own connection pool on the same schema.
      const [row] = await t.sql<{ schema: string }[]>`select current_schema() as schema`;
      const schema = row!.schema;
      second = createSql(target.url, { max: 2, schema });
    } else {
      second = t.sql; // embedded PGlite serves one connection: the two runs share it, still racing
    }
    const partner = await t.signIn('partner');
    partnerEmail = partner.email;
    const idle = await t.signIn('partner'); // a partner working in no district gets no mail
    await upsertOrganisation(t.sql, { id: 'polisen', name: 'Polisen', kind: 'polis' });
    await setMember(t.sql, { userId: partner.user.id, organisationId: 'polisen', districts: ['berga', 'ryd'] });
    await setMember(t.sql, { userId: idle.user.id, organisationId: 'polisen', districts: [] });
  }, 120_000);
  afterAll(async () => {
    if (second && second !== t.sql) await second.end({ timeout: 5 });
    await smtp?.close();
    await t?.close();
  });

  it('makes the draft once and mails each partner once with two processes racing', async () => {
    const log = makeLogger('silent');
    const mailerA = makeMailer(smtp.url);
    const mailerB = makeMailer(smtp.url);
    const common = { now: () => MONDAY_0630, log, publicUrl: 'https://trygghet.example.se' };
    const runs = await Promise.all([runDraftJob({ ...common, sql: t.sql, mailer: mailerA }), runDraftJob({ ...common, sql: second, mailer: mailerB })]);
    mailerA?.close();
    mailerB?.close();
    expect(runs.map((r) => r.week)).toEqual(['2026-W48', '2026-W48']);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const [drafts] = await t.sql<{ n: number }[]>`select count(*)::int as n from lagesbild_drafts where week = '2026-W48'`;
    expect(drafts!.n).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual([partnerEmail.toLowerCase()]);
    const text = smtp.received[0]!.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))); // quoted-printable
    expect(text).toContain('https://trygghet.example.se/lagesbild?vecka=2026-W48');
    // A later tick of either process does nothing.
    expect((await runDraftJob({ ...common, sql: second, mailer: null })).ran).toBe(false);

    const res = await t.app.request('/api/lagesbild?week=2026-W48');
    const body = (await res.json()) as { draft: { createdBy: string; mailed: number }; mail: { configured: boolean } };
    expect(body.draft).toMatchObject({ createdBy: 'job', mailed: 1 });
  });

  it('attempts no mail without SMTP_URL, and records why', async () => {
    const before = smtp.received.length;
    const run = await runDraftJob({ sql: t.sql, now: () => MONDAY_0630, log: makeLogger('silent'), mailer: makeMailer(undefined), publicUrl: 'http://localhost' }, parseIsoWeek('2026-W47')!);
    expect(run).toMatchObject({ ran: true, mailed: 0 });
    expect(run.mailNote).toContain('SMTP_URL');
    expect(smtp.received.length).toBe(before);
    const body = (await (await t.app.request('/api/lagesbild?week=2026-W47')).json()) as { draft: { mailNote: string }; mail: { configured: boolean } };
    expect(body.mail.configured).toBe(false);
    expect(body.draft.mailNote).toContain('SMTP_URL');
  });
});
