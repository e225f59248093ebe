// Field mode's offline store in IndexedDB: fixes waiting for upload, observations waiting to be
// sent, and the patrols (a local id until the server's track id is known). A fix is written here
// before anything else, and deleted only after the server acknowledged it.

export interface QueuedFix {
  seq?: number;
  patrol: string;
  t: number;
  lat: number;
  lon: number;
  acc: number | null;
}

export interface PatrolRecord {
  /** Local id, also the Idempotency-Key of the start request. */
  local: string;
  serverId: string | null;
  startedAt: number;
  endedAt: number | null;
  /** Fixes recorded (for the counter). */
  recorded: number;
  /** Time of the last fix kept (ms), so a reloaded page does not keep the same fix again. */
  lastFixAt?: number;
}

export interface QueuedObservation {
  id: string;
  body: Record<string, unknown>;
}

export interface FieldStore {
  addFix(f: QueuedFix): Promise<void>;
  /** The oldest fixes of a patrol, at most `max`, in recording order. */
  oldestFixes(patrol: string, max: number): Promise<Required<QueuedFix>[]>;
  deleteFixes(seqs: readonly number[]): Promise<void>;
  countFixes(): Promise<number>;
  putPatrol(p: PatrolRecord): Promise<void>;
  patrols(): Promise<PatrolRecord[]>;
  deletePatrol(local: string): Promise<void>;
  addObservation(o: QueuedObservation): Promise<void>;
  observations(): Promise<QueuedObservation[]>;
  deleteObservation(id: string): Promise<void>;
  close(): void;
}

const req = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

export async function openFieldStore(name = 'tk-field'): Promise<FieldStore> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('fixes', { keyPath: 'seq', autoIncrement: true }).createIndex('byPatrol', ['patrol', 'seq']);
    db.createObjectStore('patrols', { keyPath: 'local' });
    db.createObjectStore('observations', { keyPath: 'id' });
  };
  const db = await req(open);
  const store = (s: string, mode: IDBTransactionMode = 'readonly') => db.transaction(s, mode).objectStore(s);
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });

  return {
    async addFix(f) {
      await req(store('fixes', 'readwrite').add(f));
    },
    async oldestFixes(patrol, max) {
      const range = IDBKeyRange.bound([patrol, 0], [patrol, Number.MAX_SAFE_INTEGER]);
      const out: Required<QueuedFix>[] = [];
      return new Promise((resolve, reject) => {
        const cur = store('fixes').index('byPatrol').openCursor(range);
        cur.onerror = () => reject(cur.error);
        cur.onsuccess = () => {
          const c = cur.result;
          if (!c || out.length >= max) return resolve(out);
          out.push(c.value as Required<QueuedFix>);
          c.continue();
        };
      });
    },
    async deleteFixes(seqs) {
      const tx = db.transaction('fixes', 'readwrite');
      for (const s of seqs) tx.objectStore('fixes').delete(s);
      await done(tx);
    },
    countFixes: () => req(store('fixes').count()),
    async putPatrol(p) {
      await req(store('patrols', 'readwrite').put(p));
    },
    patrols: () => req(store('patrols').getAll() as IDBRequest<PatrolRecord[]>),
    async deletePatrol(local) {
      await req(store('patrols', 'readwrite').delete(local));
    },
    async addObservation(o) {
      await req(store('observations', 'readwrite').put(o));
    },
    observations: () => req(store('observations').getAll() as IDBRequest<QueuedObservation[]>),
    async deleteObservation(id) {
      await req(store('observations', 'readwrite').delete(id));
    },
    close: () => db.close(),
  };
}
