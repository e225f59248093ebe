// Write coalescing ("group commit" in the application): items submitted while a batch is being
// written wait and go together in the next one, so under load many small writes share one
// statement, one trigger pass and one commit, and when idle an item is written at once.
// A batch that fails as a whole is retried item by item, so one bad item fails only itself.

export interface BatcherOptions {
  /** Most items written in one batch. */
  maxBatch: number;
  /** Batches in flight at once (1 keeps writes from one process in order and lock-free among themselves). */
  concurrency: number;
}

export interface Batcher<I, O> {
  /** Resolves with the item's own outcome once its batch has committed, or rejects with its own error. */
  submit(item: I): Promise<O>;
}

/**
 * `write` gets a batch and returns one outcome per item, in order: a value, or an Error for that
 * item alone (the others still commit). If it throws, the batch's items are written one by one.
 */
export function makeBatcher<I, O>(write: (items: I[]) => Promise<Array<O | Error>>, opts: BatcherOptions): Batcher<I, O> {
  interface Waiting { item: I; resolve(o: O): void; reject(e: unknown): void }
  const queue: Waiting[] = [];
  let inFlight = 0;

  const settle = (w: Waiting, outcome: O | Error | undefined) => {
    if (outcome instanceof Error) w.reject(outcome);
    else if (outcome === undefined) w.reject(new Error('The batch writer returned no outcome for an item.'));
    else w.resolve(outcome);
  };

  async function run(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => settle(w, outcomes[i]));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const w of batch) {
        try {
          settle(w, (await write([w.item]))[0]);
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }

  function pump(): void {
    while (inFlight < opts.concurrency && queue.length > 0) {
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      });
    },
  };
}
