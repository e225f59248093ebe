// The Monday job: at 06:00 Europe/Stockholm the previous week's lägesbild draft is prepared and
// partners are e-mailed a link (when SMTP_URL is set). A row in scheduled_jobs, inserted with
// ON CONFLICT DO NOTHING, decides which process runs it: once, however many processes there are.
import type { Sql } from '../db/sql.ts';
import type { Logger } from '../deps.ts';
import { dueDraftWeek } from '../domain/draft-schedule.ts';
import type { IsoWeek } from '../domain/iso-week.ts';
import { claimJob, finishJob, insertDraft, recordDraftMail } from '../db/queries/lagesbild-store.ts';
import { partnerRecipients } from '../db/queries/organisations.ts';
import type { Mailer } from '../mail/mailer.ts';

export const DRAFT_JOB = 'lagesbild-draft';
/** How often a process checks whether the draft is due. */
export const DRAFT_CHECK_MS = 5 * 60_000;

export interface DraftJobDeps {
  sql: Sql;
  now: () => number;
  log: Logger;
  mailer: Mailer | null;
  /** Base URL for the link in the e-mail. */
  publicUrl: string;
}

export interface DraftRun {
  week: string;
  /** False when another process (or an earlier run) had claimed it. */
  ran: boolean;
  mailed: number;
  mailNote: string | null;
}

/** Runs the draft of `week` (default: the one due now) unless any process already has. */
export async function runDraftJob(deps: DraftJobDeps, week: IsoWeek = dueDraftWeek(deps.now())): Promise<DraftRun> {
  const at = new Date(deps.now());
  // Claim and draft commit together: a process that dies before committing leaves no claim, so
  // the next tick (of any process) makes the draft; a racing process waits on the key, then skips.
  const claimed = await deps.sql.begin(async (tx) => {
    if (!(await claimJob(tx, DRAFT_JOB, week.id, at))) return false;
    await insertDraft(tx, week.id, 'job', at);
    return true;
  });
  if (!claimed) return { week: week.id, ran: false, mailed: 0, mailNote: null };
  let mailed = 0;
  let mailNote: string | null = null;
  if (!deps.mailer) {
    mailNote = 'SMTP_URL är inte satt: inga e-postmeddelanden skickades.';
  } else {
    const recipients = await partnerRecipients(deps.sql);
    const failures: string[] = [];
    for (const r of recipients) {
      const link = `${deps.publicUrl.replace(/\/$/, '')}/lagesbild?vecka=${week.id}&omrade=${r.districts.join(',')}`;
      try {
        await deps.mailer.send({
          to: r.email,
          subject: `Lägesbild vecka ${week.week} (${week.monday} – ${week.sunday})`,
          text: `Hej!\n\nUtkastet till veckans lägesbild (vecka ${week.week}) för ${r.organisation} är klart. Läs det och lämna gärna kommentarer före EST-mötet:\n\n${link}\n\nTrygghetskartan\n`,
        });
        mailed++;
      } catch (err) {
        failures.push(r.email);
        deps.log.warn('lägesbild mail failed', { to: r.email, error: err instanceof Error ? err.message : String(err) });
      }
    }
    if (failures.length) mailNote = `${failures.length} e-postmeddelanden kunde inte skickas.`;
  }
  await recordDraftMail(deps.sql, week.id, mailed, mailNote);
  await finishJob(deps.sql, DRAFT_JOB, week.id, { mailed, mailNote }, new Date(deps.now()));
  deps.log.info('lägesbild draft prepared', { week: week.id, mailed });
  return { week: week.id, ran: true, mailed, mailNote };
}

/** Checks every DRAFT_CHECK_MS (unref'd timer) and runs the draft once it is due. */
export function startDraftJob(deps: DraftJobDeps): { stop(): void } {
  const tick = () => {
    runDraftJob(deps).catch((err) => deps.log.warn('lägesbild draft job failed; will retry', { error: err instanceof Error ? err.message : String(err) }));
  };
  const first = setTimeout(tick, 20_000);
  const timer = setInterval(tick, DRAFT_CHECK_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
