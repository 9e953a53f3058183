/**
 * The house's import rules: which folder may import which. One table, read by the boundary
 * check (check-layers.ts, run by `npm run lint`) and held against the README's architecture
 * table by a test, so the rules, the code and the documentation cannot disagree.
 *
 * A file belongs to the layer with the longest matching `path` (a folder ending in `/`, or one
 * file). `mayImport` names other layers by path; `path*` means that layer and every layer
 * under it. Imports inside a layer are always allowed.
 */
export interface Layer {
  path: string;
  /** What lives there, as the README says it. */
  what: string;
  mayImport: readonly string[];
  /**
   * Runs in the browser too (or must stay able to): Node built-in modules are refused.
   * The browser tsconfig refuses Node globals (`process`, `Buffer`) on top of this.
   */
  universal?: boolean;
  /** When set, the only npm packages this layer may import. */
  packages?: readonly string[];
}

const SERVER_SEAMS = ['contract/', 'server/core/', 'server/store/', 'server/runner/'];

export const layers: readonly Layer[] = [
  {
    path: 'contract/',
    what: '**the API contract**: fields and labels, reason codes with fr/en messages, every API payload and query as a `zod/mini` schema with its inferred type',
    mayImport: [],
    universal: true,
    packages: ['zod'],
  },
  {
    path: 'server/core/',
    what: 'the pure pipeline: dates, normalise, per-record and cross-record validation, sessions, diff, guard, search folding. No clock, no I/O',
    mayImport: ['contract/'],
    universal: true,
    packages: [],
  },
  {
    path: 'server/sources/',
    what: 'CSV reader (encodings, delimiter, header, mapping, dates), pull client, push body parsing',
    mayImport: ['contract/', 'server/core/', 'server/config/'],
  },
  {
    path: 'server/store/',
    what: 'the `Store` seam (`store.ts`) and the rules every store shares (`common/`)',
    mayImport: ['contract/', 'server/core/'],
    universal: true,
    packages: [],
  },
  {
    path: 'server/store/memory/',
    what: 'the in-memory store (browser mock, tests)',
    mayImport: ['contract/', 'server/core/', 'server/store/'],
    universal: true,
    packages: [],
  },
  {
    path: 'server/store/sqlite/',
    what: 'the SQLite store (better-sqlite3, WAL, migrations, FTS5)',
    mayImport: ['contract/', 'server/core/', 'server/store/'],
  },
  {
    path: 'server/store/postgres/',
    what: 'the PostgreSQL store (pg, migrations under an advisory lock)',
    mayImport: ['contract/', 'server/core/', 'server/store/'],
  },
  {
    path: 'server/runner/',
    what: 'one run: source → core → store; one run at a time per organisation; approvals; retention',
    mayImport: ['contract/', 'server/core/', 'server/sources/', 'server/store/', 'server/config/'],
    universal: true,
  },
  {
    path: 'server/config/',
    what: 'the configuration file schema and loader',
    mayImport: ['contract/', 'server/core/'],
  },
  {
    path: 'server/http/',
    what: '`createApp()`: sync API, admin API, auth, CORS, CSV export, OpenAPI. Knows nothing of Node',
    mayImport: [...SERVER_SEAMS, 'server/sources/', 'server/config/'],
    universal: true,
    packages: ['hono', 'jose', 'zod'],
  },
  {
    path: 'server/ops/',
    what: 'operations: structured logs (pino, no personal data), request ids, Prometheus metrics, probes, retention of personal data',
    mayImport: ['contract/', 'server/config/', 'server/store/', 'server/runner/'],
    packages: ['pino', 'prom-client', 'hono', 'croner'],
  },
  {
    path: 'server/notify/',
    what: 'notifications after a notable run: e-mails (nodemailer, fr/en, daily digests) and signed webhooks',
    mayImport: ['contract/', 'server/core/', 'server/config/', 'server/store/', 'server/ops/'],
    packages: ['nodemailer', 'croner'],
  },
  {
    path: 'server/node/',
    what: 'the Node edges: HTTP server, scheduler, workers, logs, opening the product',
    mayImport: ['contract/', 'server/*'],
  },
  {
    path: 'server/cli/',
    what: 'the command line',
    mayImport: ['contract/', 'server/*'],
  },
  {
    path: 'widget/',
    what: '`shared/` (element base, API client, i18n, controllers, render pieces, theme), `data/`, `history/`',
    mayImport: ['contract/'],
    universal: true,
    packages: ['lit', '@lit/task', 'zod'],
  },
  {
    path: 'mock-api/',
    what: 'seeded fake ERP, MSW handlers over the real app on the memory store, QA scenarios',
    mayImport: [...SERVER_SEAMS, 'server/store/memory/', 'server/sources/', 'server/http/', 'server/config/'],
    universal: true,
  },
  {
    path: 'mock-api/node.ts',
    what: 'the mock under Node (msw/node)',
    mayImport: ['mock-api/'],
  },
  {
    path: 'mock-api/fake-erp/server.ts',
    what: "the fake ERP's own HTTP server",
    mayImport: ['mock-api/'],
  },
  {
    path: 'demo/',
    what: 'the demo pages and the embedding page',
    mayImport: ['contract/', 'widget/', 'mock-api/'],
    universal: true,
  },
  {
    path: 'demo/server/',
    what: 'the demo bootstrap: fake ERP + 30 replayed days + the real server',
    mayImport: ['contract/', 'server/*', 'mock-api/*'],
  },
  {
    path: 'test/',
    what: '`node/`, `browser/`, `e2e/`, `bench/`, `load/`, `architecture/`',
    mayImport: ['*'],
  },
];

/** The layer a repository file belongs to (longest path), or null for files outside every layer. */
export function layerOf(file: string): Layer | null {
  let best: Layer | null = null;
  for (const l of layers) {
    const hit = l.path.endsWith('/') ? file.startsWith(l.path) : file === l.path;
    if (hit && (!best || l.path.length > best.path.length)) best = l;
  }
  return best;
}

/** Whether `from` may import a file of layer `to`. */
export function allows(from: Layer, to: Layer): boolean {
  if (from === to) return true;
  return from.mayImport.some((m) => m === '*' || m === to.path || (m.endsWith('*') && to.path.startsWith(m.slice(0, -1))));
}

/** The README's architecture table, generated from this file (`npm run docs` writes it; a test compares). */
export function layersMarkdown(): string {
  const mays = (l: Layer) => {
    const ours = l.mayImport.length === 0 ? 'nothing of ours' : l.mayImport.map((m) => (m === '*' ? 'everything' : `\`${m}\``)).join(', ');
    const pkgs = l.packages ? `; packages: ${l.packages.length ? l.packages.map((p) => `\`${p}\``).join(', ') : 'none'}` : '';
    const node = l.universal ? '; no Node module' : '';
    return `${ours}${pkgs}${node}`;
  };
  const rows = layers.map((l) => `| \`${l.path}\` | ${l.what} | ${mays(l)} |`);
  return ['| folder | what lives there | may import |', '| --- | --- | --- |', ...rows].join('\n');
}
