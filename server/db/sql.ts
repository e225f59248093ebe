// The one postgres.js instance per process, created from a URL (real server or embedded socket).
import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A transaction handle from sql.begin(). */
export type Tx = postgres.TransactionSql;

export interface SqlOptions {
  max?: number;
  /** Schema to put first on the search_path (tests isolate themselves this way). */
  schema?: string;
}

export function createSql(url: string, opts: SqlOptions = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    idle_timeout: 30,
    connect_timeout: 10,
    ...(opts.schema ? { connection: { search_path: opts.schema } } : {}),
  });
}

/**
 * A numeric array as one PostgreSQL array literal, to be cast in SQL (`${numbers(xs)}::float8[]`).
 * postgres.js serialises a JS array element by element (a closure and two regex escapes per
 * number); a batch of thousands of fixes is sent far cheaper as one joined string. Finite
 * numbers and nulls are written by JSON.stringify, natively and as String() would (about three
 * times faster than the loop; PostgreSQL reads `null` as NULL); bigints, digit strings, NaN and
 * infinities, which it cannot write so, take the loop.
 */
export function numbers(xs: readonly (number | bigint | `${bigint}` | null)[]): string {
  if (xs.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)))) return `{${JSON.stringify(xs).slice(1, -1)}}`;
  let s = '{';
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    s += (i ? ',' : '') + (x === null ? 'NULL' : String(x));
  }
  return s + '}';
}
