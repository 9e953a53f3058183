// `npm run build`: everything a consumer or the demo needs, in dist/.
//   vite --mode lib     dist/index.js, dist/erp-sync-data.js, dist/erp-sync-history.js (+ chunks/)
//   vite --mode bundle  dist/erp-sync.bundle.js (self-contained, for a plain <script type="module">)
//                       + dist/erp-sync.bundle.<name>-<hash>.js, what it loads on demand next to it
//   vite --mode demo    dist/demo/ (+ a copy of the bundle's files at its root, for lms-admin.html)
//   tsc                 dist/types/ (.d.ts of widget/ and contract/)       } in parallel with
//   cem analyze         dist/custom-elements.json                                 } the Vite builds
//   node --check        every built ES module parses (catches decorators a transform left raw)
// Writes dist/build-info.json last: the e2e tests use it to tell whether dist is stale.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [];
const t0 = performance.now();

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${out}`))));
  });
}

async function step(label, fn) {
  const start = performance.now();
  await fn();
  const ms = Math.round(performance.now() - start);
  steps.push({ label, ms });
  console.log(`build: ${label} ${(ms / 1000).toFixed(1)} s`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Type declarations and the manifest only read sources: they run beside the Vite builds.
const types = step('type declarations (tsc -p tsconfig.build.json)', () => run(bin('tsc'), ['-p', 'tsconfig.build.json']));
const manifest = step('custom-elements.json (cem analyze)', async () => {
  // custom-elements-manifest.config.mjs adds the define modules (tag names) and packagejson: false.
  await run(bin('cem'), ['analyze', '--litelement', '--globs', 'widget/**/*.component.ts', '--quiet']);
  if (!existsSync(join(dist, 'custom-elements.json'))) throw new Error('cem wrote no dist/custom-elements.json');
});

const vite = (mode) => build({ configFile: join(root, 'vite.config.ts'), mode, logLevel: 'warn' });
await step('library modules (vite --mode lib)', () => vite('lib'));
await step('self-contained bundle (vite --mode bundle)', () => vite('bundle'));
await step('demo pages (vite --mode demo)', async () => {
  await vite('demo');
  // lms-admin.html embeds the built bundle exactly as a host page would: /erp-sync.bundle.js, with
  // the files it loads on demand beside it.
  for (const f of readdirSync(dist).filter((name) => name.startsWith('erp-sync.bundle.')))
    copyFileSync(join(dist, f), join(dist, 'demo', f));
});
await step('syntax check of the built modules (node --check)', async () => {
  const chunks = join(dist, 'chunks');
  const files = [
    ...readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(dist, f)),
    ...(existsSync(chunks)
      ? readdirSync(chunks)
          .filter((f) => f.endsWith('.js'))
          .map((f) => join(chunks, f))
      : []),
  ];
  await Promise.all(files.map((f) => run(process.execPath, ['--check', f])));
});
await Promise.all([types, manifest]);

const totalMs = Math.round(performance.now() - t0);
writeFileSync(join(dist, 'build-info.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), totalMs, steps }, null, 2)}\n`);
console.log(`build: done in ${(totalMs / 1000).toFixed(1)} s -> dist/ (npm run size for the gzip sizes)`);
