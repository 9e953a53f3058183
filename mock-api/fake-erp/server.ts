/**
 * The fake ERP as a real HTTP server (Node only), Ypareo style: GET /r/v1/contrats?page&limit
 * with an X-Auth-Token header, GET /r/v1/health. The pull source and the demo read it like a
 * real ERP; by default the day served follows the calendar, so the demo's ERP changes daily.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createErpApi } from './api.ts';
import { daysBetween } from './dates.ts';
import type { FakeErp } from './types.ts';

export interface FakeErpServerOptions {
  erp: FakeErp;
  apiKey: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Which day to serve; defaults to the days elapsed since the ERP's startDate, clamped. */
  day?: () => number;
}

export interface FakeErpServer {
  url: string;
  close(): Promise<void>;
  /** Pins the day served (tests, replays); overrides `day`. */
  setDay(n: number): void;
}

function calendarDay(erp: FakeErp): number {
  const today = new Date().toISOString().slice(0, 10);
  const n = daysBetween(erp.options.startDate, today);
  return Math.min(Math.max(n, 0), erp.options.days - 1);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function startFakeErpServer(opts: FakeErpServerOptions): Promise<FakeErpServer> {
  const { erp } = opts;
  let pinned: number | null = null;
  const dayNow = () => pinned ?? (opts.day ? opts.day() : calendarDay(erp));
  const api = createErpApi({ erp, apiKey: opts.apiKey, day: dayNow });

  const server = createServer((req, res) => {
    try {
      const key = req.headers['x-auth-token'];
      const { status, body } = api({
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://fake-erp'),
        apiKey: typeof key === 'string' ? key : null,
      });
      send(res, status, body);
    } catch (err) {
      send(res, 500, { error: 'internal error', reason: err instanceof Error ? err.message : String(err) });
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const host = opts.host ?? '127.0.0.1';
    server.listen(opts.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        setDay(n: number) {
          if (!Number.isInteger(n) || n < 0 || n >= erp.options.days) throw new RangeError(`day must be 0..${erp.options.days - 1}`);
          pinned = n;
        },
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
  });
}
