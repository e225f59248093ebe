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
