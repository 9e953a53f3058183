// Runs every Node test (test/node/**/*.test.ts, test/e2e/**/*.test.ts) with node's test runner.
// Node 20's --test does not expand globs, so the files are listed here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  let out = [];
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const dirs = only.length ? only : ['test/node', 'test/e2e'];
const files = dirs.flatMap((d) => (d.endsWith('.ts') ? [d] : find(d))).sort();
if (files.length === 0) {
  console.error('no test files found in', dirs.join(', '));
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  // Servers started inside tests log warnings and errors only (ERP_SYNC_LOG_LEVEL=info to see every line).
  env: { ERP_SYNC_LOG_LEVEL: 'warn', ...process.env },
});
process.exit(r.status ?? 1);
