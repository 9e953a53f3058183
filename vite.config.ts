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

/** Browser-side dependencies an npm consumer's bundler resolves itself in the lib build. */
const libExternal = [/^lit(\/|$)/, /^@lit\//, /^lit-html(\/|$)/, /^lit-element(\/|$)/, /^@lit-labs\//, /^zod(\/|$)/];

/**
 * In dev, lms-admin.html loads the BUILT bundle (/erp-sync.bundle.js, and the files it loads on
 * demand, /erp-sync.bundle.<name>-<hash>.js), as a real host would. The built demo gets a copy
 * of them (build.mjs); the dev server serves them from dist/.
 */
function serveBuiltBundle(): Plugin {
  return {
    name: 'erp-sync:serve-built-bundle',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = /^\/(erp-sync\.bundle(?:\.[\w-]+)?\.js)(?:\?.*)?$/.exec(req.url ?? '')?.[1];
        if (!name) return next();
        const file = here(`./dist/${name}`);
        res.setHeader('content-type', 'text/javascript');
        if (!existsSync(file)) {
          res.statusCode = 404;
          res.end('console.error("dist/erp-sync.bundle.js is missing: run `npm run build` first");');
          return;
        }
        res.setHeader('cache-control', 'no-store');
        res.end(readFileSync(file));
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
        // goes straight to browsers). What loads later (the schemas with the first request, English
        // when first shown) gets its own file next to the bundle, fetched relative to it.
        rolldownOptions: {
          // The later files may import from the bundle itself (what both use stays in it, no third file).
          preserveEntrySignatures: 'allow-extension',
          output: { minify: true, chunkFileNames: 'erp-sync.bundle.[name]-[hash].js' },
        },
      },
      [stripTemplateIndentation()],
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

/**
 * The widgets' styles are `css` template literals, which no minifier touches: this drops their
 * comments and the whitespace that does not matter (around braces, semicolons, commas and after
 * colons; a space before a colon is a descendant combinator and stays). Literals with
 * interpolations are left as they are.
 */
function minifyCssLiterals(): Plugin {
  const literal = /\bcss`((?:\\.|[^`\\$])*)`/g;
  const minify = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'erp-sync:minify-css-literals',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return { code: code.replace(literal, (_, css: string) => `css\`${minify(css)}\``), map: null };
    },
  };
}

/**
 * The minifier leaves template literals as written, so every line of a Lit `html` template keeps
 * its source indentation. In the minified bundle a line break occurs only inside a template
 * literal, and in HTML the spaces after a line break render as nothing more than the break
 * itself: they are dropped. Lines stay where they are, so the source map stays right line by line.
 */
function stripTemplateIndentation(): Plugin {
  return {
    name: 'erp-sync:strip-template-indentation',
    renderChunk(code) {
      return { code: code.replace(/\n[ \t]+/g, '\n'), map: null };
    },
  };
}

/** An ES library build into dist/ (the lib modules and the bundle differ only in entries and output options). */
function libraryBuild(entry: Record<string, string>, extra: NonNullable<UserConfig['build']>, plugins: Plugin[] = []): UserConfig {
  return {
    root,
    publicDir: false,
    plugins: [minifyCssLiterals(), ...plugins],
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
