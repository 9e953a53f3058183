// `npm run size`: gzip sizes of the built files (what users download), against budgets.
// Exits 1 when a budget is exceeded or a file is missing (run `npm run build` first).
//
//   erp-sync.bundle.js    self-contained (lit, @lit/task, zod/mini inlined): the real cost of
//                         <script type="module" src="erp-sync.bundle.js">
//   index / erp-sync-*.js the npm modules with the local chunks they import, EXCLUDING lit,
//                         @lit/task and zod (external: the consuming app bundles them once)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const KB = 1000;

/** Budgets in gzip bytes. */
const budgets = [
  { file: 'erp-sync.bundle.js', budget: 40 * KB, note: 'self-contained (lit + zod/mini included)' },
  { file: 'index.js', budget: 35 * KB, note: 'both elements, lit/zod excluded' },
  { file: 'erp-sync-data.js', budget: 25 * KB, note: 'lit/zod excluded' },
  { file: 'erp-sync-history.js', budget: 25 * KB, note: 'lit/zod excluded' },
];

const importRe = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const dynamicRe = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** The file and every local module it imports statically (transitively); externals are skipped. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(importRe)) closure(resolve(dirname(file), m[1]), seen);
  return seen;
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const fmt = (n) => `${(n / KB).toFixed(1).padStart(6)} kB`;

let failed = false;
const rows = [];
for (const { file, budget, note } of budgets) {
  const path = join(dist, file);
  if (!existsSync(path)) {
    rows.push(`  ${file.padEnd(22)} MISSING (run npm run build)`);
    failed = true;
    continue;
  }
  const files = [...closure(path)];
  const code = Buffer.concat(files.map((f) => readFileSync(f)));
  const raw = code.length;
  const gzip = gz(code);
  const dynamic = [...readFileSync(path, 'utf8').matchAll(dynamicRe)].length;
  const over = gzip > budget;
  if (over) failed = true;
  rows.push(
    `  ${file.padEnd(22)} ${fmt(raw)} raw ${fmt(gzip)} gzip  budget ${fmt(budget)}  ${over ? 'OVER BUDGET' : 'ok'}` +
      `  (${files.length} file${files.length > 1 ? 's' : ''}${dynamic ? `, ${dynamic} lazy import(s) not counted` : ''}; ${note})`,
  );
}

const chunks = [...new Set(budgets.flatMap(({ file }) => (existsSync(join(dist, file)) ? [...closure(join(dist, file))] : [])))]
  .filter((f) => f.includes(`${join('dist', 'chunks')}`))
  .map((f) => `    ${relative(dist, f)} ${fmt(gz(readFileSync(f)))} gzip`);

console.log('gzip sizes (zlib level 9):');
for (const r of rows) console.log(r);
if (chunks.length) {
  console.log('  shared chunks (counted above in each module that imports them):');
  for (const c of chunks) console.log(c);
}
console.log(failed ? 'size: FAILED (a budget is exceeded or a file is missing)' : 'size: all within budget');
process.exit(failed ? 1 : 0);
