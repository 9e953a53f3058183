/**
 * A local webhook receiver (node:http): keeps each request's headers and exact body, answers
 * with the statuses it is told, in order (the last one repeats), and can hold its answers
 * until released, to show that a slow receiver never holds a run.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  /** Holds every answer until release() (requests are still recorded as they arrive). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(statuses: number[] = [200]): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = statuses[Math.min(deliveries.length, statuses.length - 1)];
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      void gate.then(() => res.writeHead(status).end());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/erp-sync`,
    deliveries,
    hold() {
      gate = new Promise<void>((r) => {
        open = r;
      });
    },
    release: () => open(),
    close: () =>
      new Promise<void>((r) => {
        open();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
