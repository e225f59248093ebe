// Audit rows → CSV (RFC 4180). Cells that a spreadsheet would run as a formula are defused.
import type { AuditDto } from '../db/queries/audit.ts';

const HEADER = ['id', 'at', 'actor_id', 'actor', 'action', 'target', 'detail', 'ip', 'request_id'];

/** Quotes a cell; a leading =, +, -, @, tab or CR gets a ' so spreadsheets show it as text (OWASP CSV injection). */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(rows: readonly AuditDto[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    lines.push([r.id, r.at, r.actorId, r.actor, r.action, r.target, r.detail === null ? null : JSON.stringify(r.detail), r.ip, r.requestId].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
