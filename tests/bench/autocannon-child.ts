// The load generator, forked as a second process: runs autocannon with the options it is sent
// and sends back the figures. Request bodies are cycled so the reports land in different cells.
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  connections: number;
  /** Stop after this many requests (every response is awaited) … */
  amount?: number;
  /** … or after this many seconds. */
  durationS?: number;
  bodies: string[];
  /** Send a fresh Idempotency-Key with every request. */
  keyed?: boolean;
}

export interface LoadResult {
  rps: number;
  p99Ms: number;
  p50Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  /** True when the run was stopped by the parent's time bound before `amount` was reached. */
  stoppedEarly: boolean;
}

process.once('message', (msg: LoadRequest) => {
  let stoppedEarly = false;
  process.send!({ started: true });
  let next = 0;
  const instance = autocannon({
    url: msg.url,
    connections: msg.connections,
    ...(msg.amount ? { amount: msg.amount } : { duration: msg.durationS ?? 10 }),
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const n = next++;
        return { ...req, body: msg.bodies[n % msg.bodies.length]!, ...(msg.keyed ? { headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${n}` } } : {}) };
      },
    }],
  }, (err, r) => {
    if (err) throw err;
    const result: LoadResult = {
      rps: r.requests.total / (r.duration || 1),
      p99Ms: r.latency.p99, p50Ms: r.latency.p50,
      ok2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, durationS: r.duration, stoppedEarly,
    };
    process.send!(result, () => process.exit(0));
  });
  process.once('SIGTERM', () => {
    stoppedEarly = true;
    instance.stop();
  });
});
