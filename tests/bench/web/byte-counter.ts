// A loopback TCP relay in front of a server that counts the bytes the server sends: what a page
// load moved over the wire, the service worker's own fetches included (which the page's DevTools
// session does not see).
import { createServer, connect, type AddressInfo } from 'node:net';

export interface ByteCounter {
  port: number;
  /** Bytes sent by the server since the last reset. */
  bytes: () => number;
  /** Milliseconds since the server last sent anything. */
  quietMs: () => number;
  reset: () => void;
  stop: () => Promise<void>;
}

export function countBytes(targetPort: number): Promise<ByteCounter> {
  let bytes = 0;
  let lastAt = performance.now();
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstream.on('data', (d) => {
      bytes += d.length;
      lastAt = performance.now();
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => (client.destroy(), upstream.destroy(), sockets.delete(client), sockets.delete(upstream));
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        bytes: () => bytes,
        quietMs: () => performance.now() - lastAt,
        reset: () => {
          bytes = 0;
          lastAt = performance.now();
        },
        stop: () => new Promise((r) => {
          for (const s of sockets) s.destroy();
          server.close(() => r());
        }),
      }),
    );
  });
}
