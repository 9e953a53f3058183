// npm run build:server (server/deploy/build-server.mjs) — the production server as a package of its own, in dist/server/:
//   - the server and the contract compiled to JavaScript by tsc (tsconfig.server.json: relative
//     imports rewritten from .ts to .js; the import worker is its own file, loaded by piscina);
//   - cli.js, the entry point (`node cli.js serve --config F`);
//   - package.json listing only the packages the compiled code imports, each pinned to the
//     version of the root package-lock.json, and package-lock.json: the root lock's entries for
//     those packages and everything they need, nothing else. `npm ci --omit=dev` then installs
//     exactly what runs here, with no TypeScript, tsx, Vite or test tool.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
// ERP_SYNC_BUILD_OUT: another folder under the checkout (the bench builds its own copy, so a
// build running beside it, e.g. the deploy test's, never swaps files under its processes).
const out = join(root, process.env.ERP_SYNC_BUILD_OUT ?? 'dist/server');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.server.json', '--outDir', out], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
writeFileSync(
  join(out, 'cli.js'),
  "#!/usr/bin/env node\n// erp-sync's command line (see the README: Operating in production).\nimport './server/cli/main.js';\n",
);

function* jsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsFiles(p);
    else if (name.endsWith('.js')) yield p;
  }
}

/** The packages the compiled code imports at run time (type-only imports are gone from the JavaScript). */
function importedPackages() {
  const builtins = new Set(builtinModules);
  const found = new Map();
  const spec =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const file of jsFiles(out)) {
    for (const m of readFileSync(file, 'utf8').matchAll(spec)) {
      const s = m[1] ?? m[2] ?? m[3];
      if (s.startsWith('.') || s.startsWith('node:') || builtins.has(s.split('/')[0])) continue;
      const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
      if (!found.has(name)) found.set(name, relative(out, file));
    }
  }
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

const packages = importedPackages();
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
  bin: { 'erp-sync': 'cli.js' },
  scripts: { start: 'node cli.js serve --config config.json' },
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
