// npm run build:server (server/deploy/build-server.mjs) — the production server as a package of its own, in dist/server/:
//   - the server and the contract type-checked by tsc (tsconfig.server.json), then bundled by
//     esbuild into three entry files side by side — cli.js (`./erp-sync serve --config F`, its
//     launcher: erp-sync.sh),
//     import-worker.js and threaded-input-worker.js (the threads piscina starts, found beside the
//     code that starts them) — and the chunks they share. The npm packages stay outside, imported
//     from node_modules. One file per entry instead of 170 modules: each process and each import
//     thread starts sooner (module resolution and loading cost about 0.1 s per thread, three of
//     them on the path of every CLI import);
//   - package.json listing only the packages the bundled code imports or requires, each pinned to
//     the version of the root package-lock.json, and package-lock.json: the root lock's entries
//     for those packages and everything they need, nothing else. `npm ci --omit=dev` then installs
//     exactly what runs here, with no TypeScript, tsx, esbuild, Vite or test tool.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
// ERP_SYNC_BUILD_OUT: another folder under the checkout (the bench builds its own copy, so a
// build running beside it, e.g. the deploy test's, never swaps files under its processes).
const out = join(root, process.env.ERP_SYNC_BUILD_OUT ?? 'dist/server');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
// esbuild strips types without checking them: a type error still fails the build here.
const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.server.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const bundled = await build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: {
    cli: 'server/cli/main.ts',
    // Names the code that starts them expects (worker-executor.ts, threaded-input.ts).
    'import-worker': 'server/node/import-worker.ts',
    'threaded-input-worker': 'server/node/threaded-input-worker.ts',
  },
  outdir: out,
  bundle: true,
  // Shared code in chunks beside the entries: one copy of each module per process, and every
  // `new URL('./x.js', import.meta.url)` resolves in this one folder.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const cli = join(out, 'cli.js');
writeFileSync(
  cli,
  `#!/usr/bin/env node\n// erp-sync's command line (see the README: Operating in production).\n${readFileSync(cli, 'utf8')}`,
);

// The launcher a host runs (`./erp-sync serve …`): node cli.js with the V8 options the host's
// cores call for (server/deploy/erp-sync.sh).
const launcher = join(out, 'erp-sync');
copyFileSync(join(root, 'server/deploy/erp-sync.sh'), launcher);
chmodSync(launcher, 0o755);

function* jsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsFiles(p);
    else if (name.endsWith('.js')) yield p;
  }
}

/**
 * The packages the bundled code loads at run time: the imports esbuild left outside the bundle
 * (its metafile lists them, type-only imports are gone), and the packages loaded when used,
 * through createRequire(import.meta.url)('name') (pg, nodemailer), which no bundler sees.
 */
function importedPackages(metafile) {
  const builtins = new Set(builtinModules);
  const found = new Map();
  const note = (specifier, file) => {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return;
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (!found.has(name)) found.set(name, file);
  };
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const i of output.imports) if (i.external) note(i.path, relative(root, join(root, file)));
  }
  const lazy = /\bcreateRequire\(import\.meta\.url\)\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of jsFiles(out)) for (const m of readFileSync(file, 'utf8').matchAll(lazy)) note(m[1], relative(out, file));
  return found;
}

/** Where Node would find `name` from the package at `from` (a lock path), walking up the node_modules folders. */
function resolveIn(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

const packages = importedPackages(bundled.metafile);
const dependencies = {};
for (const [name, file] of [...packages].sort()) {
  const at = resolveIn('', name);
  if (!at) throw new Error(`${file} imports ${name}, which is not in package-lock.json: add it to package.json first`);
  dependencies[name] = lock.packages[at].version;
}

// The closure of those packages in the root lock, with their resolved paths unchanged.
const kept = {};
const queue = Object.keys(dependencies).map((name) => resolveIn('', name));
while (queue.length > 0) {
  const path = queue.pop();
  if (kept[path]) continue;
  const { dev: _dev, devOptional, peer: _peer, ...entry } = lock.packages[path];
  kept[path] = devOptional ? { ...entry, optional: true } : entry;
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  const needs = [
    ...Object.keys(entry.dependencies ?? {}).map((n) => [n, false]),
    ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, true]),
    ...Object.keys(entry.peerDependencies ?? {}).map((n) => [n, optionalPeers[n]?.optional === true]),
  ];
  for (const [name, optional] of needs) {
    const at = resolveIn(path, name);
    if (at) queue.push(at);
    else if (!optional) throw new Error(`${path} needs ${name}, absent from package-lock.json`);
  }
}

const allowScripts = Object.fromEntries(
  Object.entries(rootPkg.allowScripts ?? {}).filter(([name]) => Object.keys(kept).some((p) => p.endsWith(`node_modules/${name}`))),
);
const pkg = {
  name: 'erp-sync-server',
  version: rootPkg.version,
  description: 'The erp-sync server, built for production (npm run build:server in the erp-sync repository).',
  license: rootPkg.license,
  private: true,
  type: 'module',
  engines: rootPkg.engines,
  bin: { 'erp-sync': 'erp-sync' },
  scripts: { start: './erp-sync serve --config config.json' },
  dependencies,
  ...(Object.keys(allowScripts).length ? { allowScripts } : {}),
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const sorted = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => (a < b ? -1 : 1)));
const serverLock = {
  name: pkg.name,
  version: pkg.version,
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: pkg.name, version: pkg.version, license: pkg.license, dependencies, engines: pkg.engines, bin: pkg.bin },
    ...sorted,
  },
};
writeFileSync(join(out, 'package-lock.json'), `${JSON.stringify(serverLock, null, 2)}\n`);
console.log(
  `${relative(root, out)}: ${[...jsFiles(out)].length} files, ${Object.keys(dependencies).length} dependencies (${Object.keys(kept).length} packages installed): ${Object.keys(dependencies).join(', ')}`,
);
