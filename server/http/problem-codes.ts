// Every `code` a problem+json answer can carry, in one table: the client shows a Swedish or
// English text per code (client/i18n/problem-texts.ts) and a test walks this table, so a code
// missing a text in either language fails the build.
//
// Adding a code is one entry here (what it means, and the structured members its text may use),
// then one entry with its two texts in client/i18n/problem-texts.ts; throw it with
// `new HttpProblem(status, detail, { code: 'the-code', extensions: { …params } })` or
// `new DomainError('the-code', detail, path, params)`. Values a text shows (coordinates, a retry
// time) travel as extension members named in `params`, never parsed out of `detail`.

export interface ProblemCodeSpec {
  /** What the problem means, for the OpenAPI document and the next developer. */
  means: string;
  /** Extension members the text may interpolate (always present when the code is sent). */
  params?: readonly string[];
}

/** Codes answered when a throw site names none: one per HTTP status. */
const BY_STATUS = {
  'bad-request': { means: 'The request is malformed (400).' },
  unauthenticated: { means: 'Sign-in or a valid API token is needed (401).' },
  forbidden: { means: 'The caller may not do this (403).' },
  'not-found': { means: 'Nothing is at this address, or the caller may not see it (404).' },
  'method-not-allowed': { means: 'The address does not take this method (405).' },
  conflict: { means: 'The request conflicts with the stored state (409).' },
  'too-large': { means: 'The request body is too large (413).' },
  'unsupported-media-type': { means: 'The body is sent in a format this address does not take (415).' },
  unprocessable: { means: 'The request is well-formed but breaks a rule (422).' },
  'rate-limited': { means: 'Too many requests from this address; wait retryAfterS seconds (429).', params: ['retryAfterS'] },
  internal: { means: 'The server failed; the error is logged under the request id (500).' },
  unavailable: { means: 'The service cannot answer right now (503).' },
} as const satisfies Record<string, ProblemCodeSpec>;

const SPECIFIC = {
  // Requests in general
  validation: { means: 'Fields of the request are invalid; `errors` lists each field with its own code.' },
  'invalid-json': { means: 'The request body is not valid JSON.' },
  'no-such-endpoint': { means: 'The API has no such route.', params: ['method', 'path'] },
  'body-too-large': { means: 'The body is larger than limitBytes.', params: ['limitBytes'] },
  'wrong-format': { means: 'A value has the wrong format for the database (e.g. not a uuid or date).' },
  'already-exists': { means: 'That record already exists.' },
  'database-unavailable': { means: 'The database cannot be reached; nothing was stored. Retry after retryAfterS seconds.', params: ['retryAfterS'] },
  'cross-site': { means: 'A request from another site (Origin or Referer) was refused.' },
  'form-required': { means: 'The body must be a form (multipart/form-data or x-www-form-urlencoded).' },
  'form-unreadable': { means: 'The form body could not be read.' },
  'date-range-reversed': { means: 'The start of a date range is after its end.' },
  'cursor-invalid': { means: 'The page cursor is not one this API gave out.' },
  // Idempotency
  'idempotency-key-invalid': { means: 'The Idempotency-Key is not 1–200 visible ASCII characters.' },
  'idempotency-key-reused': { means: 'The Idempotency-Key was used before with another request body.' },
  'idempotency-key-unfinished': { means: 'The Idempotency-Key was claimed by a request that did not finish.' },
  // Signing in, accounts and permissions
  'sign-in-required': { means: 'Sign in to use this.' },
  'session-required': { means: 'This needs a signed-in session, not an API token.' },
  'wrong-credentials': { means: 'The e-mail address or the password is wrong.' },
  'account-disabled': { means: 'The account is disabled.' },
  'sign-in-slowed': { means: 'Failed sign-ins: the next try is allowed after retryAfterS seconds (at retryAt).', params: ['retryAfterS', 'retryAt'] },
  locked: { means: 'Too many failed sign-ins: sign-in to the account is locked until retryAt (retryAfterS seconds).', params: ['retryAfterS', 'retryAt'] },
  'token-malformed': { means: 'The Authorization header is not "Bearer <token>".' },
  'token-invalid': { means: 'The API token or api_key is unknown, revoked or expired.' },
  'permission-denied': { means: "The caller's role may not do this.", params: ['permission'] },
  'token-scope': { means: 'The API token is not scoped for this.', params: ['permission'] },
  'password-wrong': { means: 'The current password is wrong.' },
  'password-too-short': { means: 'The password is shorter than minLength.', params: ['minLength'] },
  'password-too-long': { means: 'The password is longer than maxLength.', params: ['maxLength'] },
  'password-contains-name': { means: "The password contains the e-mail's name." },
  'password-repeated': { means: 'The password is one repeated character.' },
  'email-taken': { means: 'An account with this e-mail address exists.', params: ['email'] },
  'unknown-team': { means: 'There is no such team.', params: ['team'] },
  'unknown-user': { means: 'No user has this id.', params: ['id'] },
  'own-account': { means: 'Administrators cannot disable or demote their own account.' },
  'scopes-beyond-role': { means: "The token's scopes go beyond its owner's role.", params: ['role', 'scopes'] },
  'token-not-found': { means: 'No API token has this id.' },
  // Reports
  'outside-area': { means: 'The point lies outside every district of the area.', params: ['lat', 'lon', 'districts'] },
  'coordinates-invalid': { means: 'The coordinates are not a WGS84 latitude and longitude.', params: ['lat', 'lon'] },
  'time-ambiguous': { means: 'Both observedAt and observedFrom/observedTo were given.' },
  'time-missing': { means: 'Neither observedAt nor both observedFrom and observedTo were given.' },
  'time-reversed': { means: 'observedTo is before observedFrom.' },
  'time-window-too-long': { means: 'The observation window is longer than maxDays days.', params: ['maxDays'] },
  'time-in-future': { means: 'The observation time is in the future.' },
  'source-not-allowed': { means: 'The caller may not send a report with this source.', params: ['source'] },
  'patrol-staff-only': { means: "Only staff reports can be marked as discovered on patrol." },
  'report-not-found': { means: 'No report has this id.' },
  'tracking-token-not-found': { means: 'No report has this tracking token.' },
  'photo-too-large': { means: 'The photo (or the whole report) is larger than maxMb MB.', params: ['maxMb'] },
  'photo-empty': { means: 'The photo file is empty.' },
  'photo-type': { means: 'The photo is not a JPEG, PNG or HEIC image.' },
  'photo-heic-unreadable': { means: 'This HEIC photo cannot be decoded by the server.' },
  'photo-unreadable': { means: 'The photo could not be read; it may be damaged.' },
  'photo-not-found': { means: 'No photo has this id.' },
  'contact-not-found': { means: 'The report has no contact details.' },
  // Moderation
  'moderation-transition': { means: 'The action does not apply to a report with this status.', params: ['status', 'action'] },
  'merge-into-self': { means: 'A report cannot be merged into itself.' },
  'merge-target-missing': { means: 'The report to merge into does not exist.' },
  'merge-target-closed': { means: 'The report to merge into is no longer open.', params: ['targetStatus'] },
  // Analytics and coverage
  'cell-resolution': { means: 'The H3 cell has a resolution the clock does not answer for (8, 9 or 10).', params: ['resolution'] },
  'hour-range-invalid': { means: 'An hour range is not like 18-23 (hours 0–23).', params: ['value'] },
  'day-invalid': { means: 'A day is not one of mon…sun.', params: ['value'] },
  'week-slot-invalid': { means: 'An hour-of-the-week range is not within 0–167.', params: ['value'] },
  // Tracks and routes
  'track-not-found': { means: 'No track with this id that the caller may see.' },
  'no-team': { means: 'The account belongs to no team, and a track must belong to one.' },
  'other-team': { means: "The caller may record or read only their own team's tracks.", params: ['team'] },
  'track-reduced': { means: 'The track was reduced to presence aggregates after its retention period.' },
  'track-file-type': { means: 'The track file must be GPX 1.1 or GeoJSON.' },
  'track-outside-area': { means: "None of the file's points lies within the districts." },
  'gpx-invalid': { means: 'The GPX file cannot be read as a patrol track.' },
  'geojson-invalid': { means: 'The GeoJSON cannot be read as a patrol track.' },
  'unknown-district': { means: 'There is no such district.', params: ['district'] },
  'unknown-base': { means: 'There is no such team base.', params: ['base'] },
  'no-start-point': { means: 'No start point: none was given and the district has no team base.' },
  'waypoint-outside-area': { means: 'The first waypoint is outside every district.' },
  'no-walking-graph': { means: 'The district has no walking graph to route on.' },
  'patrol-route-not-found': { means: 'There is no such saved route.' },
  // Map tiles, fonts and places
  'static-map-invalid': { means: 'The static map picture cannot be drawn for these parameters (lon, lat, zoom, width, height out of range or missing); `errors` lists each.' },
  'tile-out-of-range': { means: 'The tile address is outside the zoom levels or the grid served.' },
  'font-not-found': { means: 'No such font file is served.' },
  'no-place-near': { means: 'Nothing named lies near the point.' },
  // The weekly lägesbild (issue 14)
  'week-frozen': { means: 'The week was frozen at its meeting (for these districts); it no longer changes.', params: ['week'] },
  'district-not-allowed': { means: "The partner's organisation does not work in this district.", params: ['district'] },
  'unknown-organisation': { means: 'There is no such organisation.', params: ['organisation'] },
  // Interventions and experiments (issue 15)
  'unknown-action': { means: 'There is no lägesbild action with this id.', params: ['actionId'] },
  'unknown-reference': { means: 'The request names a record that does not exist.' },
  'intervention-not-found': { means: 'There is no such intervention.' },
  'area-too-large': { means: 'The intervention covers more cells than allowed.' },
  'cells-too-coarse': { means: 'A cell is coarser than resolution 7.' },
  'experiment-not-found': { means: 'There is no such experiment.' },
  'experiment-no-data': { means: 'The experiment has not run a whole week yet: nothing to analyse.' },
  'cell-outside-districts': { means: 'An experiment cell lies outside every district.' },
  // Imports
  'file-type': { means: 'The file must be CSV or GeoJSON.' },
  'file-empty': { means: 'The file is empty.' },
  'import-not-found': { means: 'No import with this id is known to this server.' },
  // Open311
  'service-not-found': { means: 'There is no such Open311 service_code.' },
  'location-required': { means: 'lat and long are required (no geocoding of address_string).' },
  'request-not-found': { means: 'There is no such Open311 service request.' },
} as const satisfies Record<string, ProblemCodeSpec>;

export const PROBLEM_CODES: Readonly<Record<ProblemCode, ProblemCodeSpec>> = { ...BY_STATUS, ...SPECIFIC };

export type ProblemCode = keyof typeof BY_STATUS | keyof typeof SPECIFIC;

const STATUS_CODES: Record<number, keyof typeof BY_STATUS> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  500: 'internal',
  503: 'unavailable',
};

/** The code a problem with this status carries when its throw site names none. */
export function codeForStatus(status: number): ProblemCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad-request');
}

// Field errors (`errors[].code`): what is wrong with one field, whatever the field.
const FIELD_CODES_TABLE = {
  required: { means: 'The field is missing.' },
  'invalid-type': { means: 'The value has the wrong type.', params: ['expected'] },
  'too-small': { means: 'Too short, too few or too small.', params: ['minimum', 'origin'] },
  'too-big': { means: 'Too long, too many or too large.', params: ['maximum', 'origin'] },
  'invalid-format': { means: 'The value is not in the expected format (e-mail, date, uuid…).', params: ['format'] },
  'invalid-value': { means: 'The value is not one of the allowed values.', params: ['values'] },
  'unknown-keys': { means: 'The object has keys the API does not know.', params: ['keys'] },
  'not-multiple-of': { means: 'The number is not a multiple of divisor.', params: ['divisor'] },
  invalid: { means: 'The value is not valid.' },
} as const satisfies Record<string, ProblemCodeSpec>;

export type FieldErrorCode = keyof typeof FIELD_CODES_TABLE;
export const FIELD_ERROR_CODES: Readonly<Record<FieldErrorCode, ProblemCodeSpec>> = FIELD_CODES_TABLE;

/** One field's error in a problem's `errors`. A field error may also carry a problem code (e.g. `outside-area` on `lat`). */
export interface FieldError {
  path: string;
  message: string;
  code?: FieldErrorCode | ProblemCode;
  params?: Record<string, unknown>;
}
