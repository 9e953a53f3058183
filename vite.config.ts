/**
 * Vite, in four modes (demo/scripts/build.mjs runs the three builds in one process):
 *
 *   vite build --mode lib      dist/index.js, dist/erp-sync-data.js, dist/erp-sync-history.js
 *                              (+ dist/chunks/*): ES modules for npm consumers, lit, @lit/task
 *                              and zod left as imports so an app bundles them once.
 *   vite build --mode bundle   dist/erp-sync.bundle.js: one self-contained file for a plain
 *                              <script type="module"> (lit and zod/mini inlined, minified).
 *   vite build --mode demo     dist/demo/: the demo pages (index.html, lms-admin.html), the MSW
 *                              worker at the root (publicDir), served by `npm start`.
 *   vite (serve)               the demo pages in dev (`npm run demo:mock`: MSW, no backend).
 *
 * Decorators: tsconfig.json's experimentalDecorators + useDefineForClassFields: false is what
 * makes Vite 8 (oxc) lower `@customElement`/`@property`; standard decorators would be left raw.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const root = here('./');
const dist = here('./dist');
const bundleFile = here('./dist/erp-sync.bundle.js');

/** Browser-side dependencies an npm consumer's bundler resolves itself in the lib build. */
const libExternal = [/^lit(\/|$)/, /^@lit\//, /^lit-html(\/|$)/, /^lit-element(\/|$)/, /^@lit-labs\//, /^zod(\/|$)/];

/**
 * In dev, lms-admin.html loads the BUILT bundle (/erp-sync.bundle.js), as a real host would.
 * The built demo gets a copy of it (build.mjs); the dev server serves it from dist/.
 */
function serveBuiltBundle(): Plugin {
  return {
    name: 'erp-sync:serve-built-bundle',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/erp-sync.bundle.js', (_req, res) => {
        if (!existsSync(bundleFile)) {
          res.statusCode = 404;
          res.setHeader('content-type', 'text/javascript');
          res.end('console.error("dist/erp-sync.bundle.js is missing: run `npm run build` first");');
          return;
        }
        res.setHeader('content-type', 'text/javascript');
        res.setHeader('cache-control', 'no-store');
        res.end(readFileSync(bundleFile));
      });
    },
  };
}

const demoConfig = (): UserConfig => ({
  root: here('./demo'),
  publicDir: here('./demo/public'),
  // Relative asset URLs (./assets/…). The token (/demo/token.json), the bundle (/erp-sync.bundle.js)
  // and the MSW worker (/mockServiceWorker.js) are expected at the server root.
  base: './',
  plugins: [serveBuiltBundle()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: [root] },
  },
  build: {
    outDir: here('./dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        index: here('./demo/index.html'),
        'lms-admin': here('./demo/lms-admin.html'),
      },
    },
  },
});

export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'serve' || mode === 'demo') return demoConfig();

  if (mode === 'bundle') {
    return libraryBuild(
      { 'erp-sync.bundle': here('./widget/bundle.ts') },
      {
        minify: true,
        // Full minification (Vite keeps whitespace in ES lib builds, for consumers' bundlers; this file
        // goes straight to browsers).
        rolldownOptions: { output: { codeSplitting: false, minify: true } },
      },
    );
  }

  if (mode === 'lib') {
    return libraryBuild(
      {
        index: here('./widget/index.ts'),
        'erp-sync-data': here('./widget/data/erp-sync-data.ts'),
        'erp-sync-history': here('./widget/history/erp-sync-history.ts'),
      },
      {
        rolldownOptions: {
          external: libExternal,
          // Element chunks keep their name; the code both share (contract, API client, pieces) is "shared".
          output: { chunkFileNames: (c) => (c.name.startsWith('erp-sync-') ? 'chunks/[name]-[hash].js' : 'chunks/shared-[hash].js') },
        },
      },
    );
  }

  throw new Error(`vite.config.ts: unknown build mode "${mode}" (lib, bundle or demo; see demo/scripts/build.mjs)`);
});

/** An ES library build into dist/ (the lib modules and the bundle differ only in entries and output options). */
function libraryBuild(entry: Record<string, string>, extra: NonNullable<UserConfig['build']>): UserConfig {
  return {
    root,
    publicDir: false,
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      lib: { entry, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      ...extra,
    },
  };
}
