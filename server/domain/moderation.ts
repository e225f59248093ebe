// Moderation rules: which action may follow which status, and what each action changes.
import type { RejectReason, Status } from './categories.ts';
import { DomainError } from './domain-error.ts';

export type ModerationAction =
  | { action: 'approve'; note?: string | null | undefined }
  | { action: 'reject'; reason: RejectReason; note?: string | null | undefined }
  | { action: 'merge'; into: string; note?: string | null | undefined }
  | { action: 'recategorise'; category: string }
  | { action: 'note'; note: string | null }
  | { action: 'close'; note?: string | null | undefined };

export interface ModeratedState {
  id: string;
  status: Status;
  category: string;
  publicNote: string | null;
  textPublic: boolean;
  rejectReason: RejectReason | null;
  mergedInto: string | null;
}

/** Statuses each action may start from. A merged report is final. */
const ALLOWED_FROM: Record<ModerationAction['action'], readonly Status[]> = {
  approve: ['new', 'rejected', 'closed', 'confirmed'],
  reject: ['new', 'approved', 'confirmed'],
  merge: ['new', 'approved', 'confirmed', 'rejected'],
  recategorise: ['new', 'approved', 'confirmed', 'closed', 'rejected'],
  note: ['new', 'approved', 'confirmed', 'closed', 'rejected'],
  close: ['new', 'approved', 'confirmed'],
};

/** Trims a public note; empty means none. */
function cleanNote(note: string | null | undefined, current: string | null): string | null {
  if (note === undefined) return current;
  const t = note?.trim() ?? '';
  return t.length ? t : null;
}

/**
 * The state after applying `a` to `s`. Throws DomainError('moderation-transition') when the action cannot
 * follow the current status. `target` is the report merged into (checked by the caller to exist).
 */
export function applyModeration(s: ModeratedState, a: ModerationAction, target?: ModeratedState | null): ModeratedState {
  if (!ALLOWED_FROM[a.action].includes(s.status)) {
    throw new DomainError('moderation-transition', `A report with status "${s.status}" cannot be given the action "${a.action}".`, 'action', { status: s.status, action: a.action });
  }
  switch (a.action) {
    case 'approve':
      return { ...s, status: 'approved', textPublic: true, rejectReason: null, publicNote: cleanNote(a.note, s.publicNote) };
    case 'reject':
      return { ...s, status: 'rejected', textPublic: false, rejectReason: a.reason, publicNote: cleanNote(a.note, s.publicNote) };
    case 'merge': {
      if (a.into === s.id) throw new DomainError('merge-into-self', 'A report cannot be merged into itself.', 'into');
      if (!target) throw new DomainError('merge-target-missing', `There is no report ${a.into} to merge into.`, 'into');
      if (target.status === 'merged' || target.status === 'rejected') {
        throw new DomainError('merge-target-closed', `Report ${a.into} is ${target.status}; merge into a report that is still open${target.mergedInto ? ` (e.g. ${target.mergedInto})` : ''}.`, 'into', { targetStatus: target.status });
      }
      return { ...s, status: 'merged', mergedInto: a.into, publicNote: cleanNote(a.note, s.publicNote) };
    }
    case 'recategorise':
      return { ...s, category: a.category };
    case 'note':
      return { ...s, publicNote: cleanNote(a.note, null) };
    case 'close':
      return { ...s, status: 'closed', publicNote: cleanNote(a.note, s.publicNote) };
  }
}
