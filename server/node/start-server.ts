/** Serves the Hono app on Node: API, optional static demo pages, daily scheduler. */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import type { Config } from '../config/schema.ts';
import { createApp } from '../http/app.ts';
import { log } from './log.ts';
import { openProduct, type Product } from './open-product.ts';
import { startScheduler } from './scheduler.ts';
import { fileBodySink } from './spool-body.ts';

export interface RunningServer {
  url: string;
  product: Product;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { schedule?: boolean } = {}): Promise<RunningServer> {
  const product = await openProduct(config);
  const interrupted = await product.store.failInterruptedRuns(new Date().toISOString());
  if (interrupted) log.info(`${interrupted} interrupted run(s) marked failed`);
  const app = createApp({ store: product.store, runner: product.runner, config, logger: log, bodySink: fileBodySink() });
  if (config.staticDir) {
    const root = relative(process.cwd(), config.staticDir) || '.';
    app.get('*', serveStatic({ root }));
  }
  const scheduler = opts.schedule === false ? null : startScheduler(config.organizations, product.runner, log);
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveServer(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  return {
    url,
    product,
    async close() {
      scheduler?.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await product.close();
    },
  };
}
