// The baseline for POST /api/reports: a bare node:http handler that parses the JSON body and
// inserts one row into the same reports table (no validation, H3, district or idempotency).
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Sql } from '../../server/db/sql.ts';

export async function startBareInsertServer(sql: Sql): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const b = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const from = new Date(b.observedAt ?? b.observedFrom), to = new Date(b.observedAt ?? b.observedTo);
        const [row] = await sql`
          insert into reports (id, category, lat, lon, cell, district_id, observed_from, observed_to, description, source)
          values (${randomUUID()}, ${b.category}, ${b.lat}, ${b.lon}, 0, 'ryd', ${from}, ${to}, ${b.description ?? null}, ${b.source})
          returning id`;
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(row));
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
