// A ProblemError in the user's language: the text for its code (problem-texts.ts) and, for each
// field error, the field's label with what is wrong. The server's English `detail` is never shown.
import { ProblemError, type ProblemFieldError } from '../api/problem-error.ts';
import type { Lang } from './messages.ts';
import { FIELD_ERROR_TEXTS, PROBLEM_TEXTS, renderText, type Texts } from './problem-texts.ts';
import { FIELD_LABELS } from './field-labels.ts';

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

/** The problem as one sentence in `lang`. */
export function problemMessage(err: Pick<ProblemError, 'code' | 'params' | 'status'>, lang: Lang): string {
  const texts: Texts = has(PROBLEM_TEXTS, err.code) ? PROBLEM_TEXTS[err.code] : err.status === 0 ? PROBLEM_TEXTS.network : PROBLEM_TEXTS.unknown;
  return renderText(texts[lang], err.params, lang);
}

/** A field's name in `lang` ("observedTo" → "Till"); the last known segment of a dotted path. */
export function fieldLabel(path: string, lang: Lang): string {
  const key = [path, ...path.split('.').reverse()].find((seg) => Object.prototype.hasOwnProperty.call(FIELD_LABELS, seg));
  return key ? FIELD_LABELS[key]![lang] : path;
}

/** What is wrong with one field, without its label ("måste fyllas i"), or a problem code's sentence. */
export function fieldProblem(e: ProblemFieldError, lang: Lang): string {
  const code = e.code ?? 'invalid';
  if (has(FIELD_ERROR_TEXTS, code)) return renderText(FIELD_ERROR_TEXTS[code][lang], e.params ?? {}, lang);
  if (has(PROBLEM_TEXTS, code)) return renderText(PROBLEM_TEXTS[code][lang], e.params ?? {}, lang);
  return renderText(FIELD_ERROR_TEXTS.invalid[lang], {}, lang);
}

/** "Kategori: måste fyllas i" — a field error with its label, for lists of errors. */
export function fieldErrorMessage(e: ProblemFieldError, lang: Lang): string {
  const code = e.code ?? 'invalid';
  // A problem code on a field is a whole sentence already.
  if (!has(FIELD_ERROR_TEXTS, code) && has(PROBLEM_TEXTS, code)) return fieldProblem(e, lang);
  return `${fieldLabel(e.path, lang)}: ${fieldProblem(e, lang)}`;
}

/** Any caught error in words: a ProblemError by its code, anything else as "no answer". */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ProblemError) return problemSummary(err, lang);
  return problemMessage({ code: 'network', params: {}, status: 0 }, lang);
}

/** The problem and its field errors, for a single message line. */
export function problemSummary(err: ProblemError, lang: Lang): string {
  if (err.errors.length === 0) return problemMessage(err, lang);
  return [problemMessage(err, lang), ...err.errors.map((e) => fieldErrorMessage(e, lang))].join(' ');
}
