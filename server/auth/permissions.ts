// The permission matrix as data: which role may do what. Every route names one permission
// (server/http/guard.ts); `can` is the only place that answers the question.

/** `resident` is the anonymous role: everyone without a session or token acts as a resident. */
export const ROLES = ['resident', 'field', 'teamleader', 'chief', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an account can hold (a resident has no account). */
export const ACCOUNT_ROLES = ['field', 'teamleader', 'chief', 'partner', 'admin'] as const satisfies readonly Role[];
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const PERMISSIONS = [
  'reports:create', // submit a report (anyone; the source is narrowed to who sent it)
  'reports:read', // read all reports with exact locations and free text (audit-logged)
  'reports:read-own', // read the reports one's own account submitted (partners)
  'reports:moderate', // moderation queue: approve, reject, merge, recategorise
  'analytics:read', // heat map, hotspots, trends, data clock, coverage and gaps
  'routes:plan', // draw, suggest, save and delete patrol routes for one's team
  'routes:read', // read planned routes (one's team; all with tracks:read-all)
  'tracks:write', // record one's own patrol tracks and read them back
  'tracks:read-team', // read the tracks of one's own team (audit-logged)
  'tracks:read-all', // read every team's tracks (audit-logged)
  'live:read', // live positions of teams on patrol
  'contacts:read', // residents' contact details (audit-logged)
  'audit:read', // the audit log and its CSV export
  'users:admin', // users and teams
  'areas:admin', // districts, bases and street networks
  'import:write', // historical report imports
  'tokens:admin', // API tokens for machine clients
  'disclosure:admin', // what the public map and Open311 may show, per category and source
  'lagesbild:read', // the weekly EST lägesbild, its actions and tertial follow-up (partners: their districts only)
  'lagesbild:comment', // comment on a week's lägesbild (partners before the meeting)
  'lagesbild:prepare', // analysis text, actions (what, where, who, by when, status)
  'lagesbild:meeting', // hold the meeting (freeze the week) and set the grade thresholds
  'account:self', // one's own account: password change, sign-out everywhere (sessions only)
  'interventions:write', // log, edit and close interventions (patrols, lighting, …) for evaluation
  'experiments:read', // patrol-dosage experiments: assignment, compliance and analysis
  'experiments:admin', // set up a patrol-dosage experiment
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The matrix. Least privilege: a role holds only what its work needs. */
export const MATRIX: Readonly<Record<Role, readonly Permission[]>> = {
  resident: ['reports:create'],
  field: ['account:self', 'reports:create', 'reports:read', 'reports:read-own', 'routes:read', 'tracks:write'],
  teamleader: ['account:self', 'reports:create', 'reports:read', 'reports:read-own', 'reports:moderate', 'analytics:read', 'routes:plan', 'routes:read', 'tracks:write', 'tracks:read-team', 'live:read', 'lagesbild:read', 'lagesbild:comment', 'lagesbild:prepare', 'interventions:write', 'experiments:read'],
  chief: [
    'account:self',
    'reports:create',
    'reports:read',
    'reports:read-own',
    'reports:moderate',
    'analytics:read',
    'routes:plan',
    'routes:read',
    'tracks:read-team',
    'tracks:read-all',
    'live:read',
    'contacts:read',
    'import:write',
    'lagesbild:read',
    'lagesbild:comment',
    'lagesbild:prepare',
    'lagesbild:meeting',
    'interventions:write',
    'experiments:read',
    'experiments:admin',
  ],
  partner: ['account:self', 'reports:create', 'reports:read-own', 'lagesbild:read', 'lagesbild:comment'],
  admin: ['account:self', 'reports:create', 'reports:read', 'reports:read-own', 'users:admin', 'areas:admin', 'import:write', 'tokens:admin', 'audit:read', 'disclosure:admin'],
};

const GRANTS = new Map<Role, ReadonlySet<Permission>>(ROLES.map((r) => [r, new Set(MATRIX[r])]));

/** Whether a role holds a permission. Unknown roles hold nothing. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS.get(role)?.has(permission) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAccountRole(value: unknown): value is AccountRole {
  return typeof value === 'string' && (ACCOUNT_ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * Report sources each role may claim, the default first. A signed-in role may narrow its
 * source (staff filing as a resident), never widen it; an anonymous resident is always a
 * resident. `police` and `demo` come only through imports and the seed.
 */
export const REPORT_SOURCES_BY_ROLE: Readonly<Record<Role, readonly [string, ...string[]]>> = {
  resident: ['resident'],
  field: ['staff', 'resident'],
  teamleader: ['staff', 'resident'],
  chief: ['staff', 'resident'],
  partner: ['partner', 'resident'],
  admin: ['staff', 'resident'],
};
