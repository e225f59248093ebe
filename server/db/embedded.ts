// Embedded PostgreSQL: PGlite stored under a directory, served to postgres.js over loopback
// by @electric-sql/pglite-socket. PGlite allows one process per data directory, so a lock
// file names the owner and a second process is refused with a clear message.
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface Embedded {
  /** postgres:// URL of the loopback socket server. */
  url: string;
  /**
   * Connections postgres.js should open: 1. pglite-socket multiplexes every connection onto
   * PGlite's single session, so the extended-protocol messages and transactions of parallel
   * connections can interleave ("portal does not exist", a transaction seeing another's
   * statements). One connection makes postgres.js queue them, which is also all PGlite can do.
   */
  maxConnections: number;
  /** The whole database as a PGlite dump (dumpDataDir), which `initialData` starts another from. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export class DataDirBusyError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (probably the running server). ` +
        `PGlite allows one process at a time: stop the server first, or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the data directory's lock, or throws DataDirBusyError when a live process holds it. */
export function lockDataDir(dir: string): () => void {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const lockFile = join(abs, 'owner.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirBusyError(abs, pid);
  }
  writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) rmSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

/**
 * Starts PGlite (in memory when dataDir is undefined, from `initialData` when given: a dump made
 * by PGlite's dumpDataDir) and a socket server on 127.0.0.1 with an OS-assigned port.
 */
export async function startEmbedded(opts: { dataDir?: string; maxConnections?: number; initialData?: Blob } = {}): Promise<Embedded> {
  const maxConnections = opts.maxConnections ?? 1;
  if (opts.dataDir && opts.initialData) throw new Error('startEmbedded: initialData is for an in-memory database, not a data directory');
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    const db = opts.dataDir
      ? await PGlite.create(join(resolve(opts.dataDir), 'pgdata'))
      : await PGlite.create(opts.initialData ? { loadDataDir: opts.initialData } : {});
    // A few spare sockets so a reconnect after a dropped connection is never refused.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: maxConnections + 3 });
    await server.start();
    const conn = server.getServerConn(); // "127.0.0.1:PORT"
    return {
      url: `postgres://postgres@${conn}/postgres`,
      maxConnections,
      dump: () => db.dumpDataDir('none'),
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
