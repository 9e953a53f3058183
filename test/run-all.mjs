// The README's test command: type-check (both worlds), lint (Biome + the layer rules), Node tests (core, store, sources, http, mock-api, e2e),
// then browser tests in Chromium. Ends with one line: "N passed, N failed".
import { spawn } from 'node:child_process';

function run(label, cmd, args, parse) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const tee = (stream, target) =>
      stream.on('data', (d) => {
        out += d;
        target.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ label, code: code ?? 1, ...parse(out, code) }));
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const last = (s, re) => {
  const all = [...strip(s).matchAll(re)];
  return all.length ? all[all.length - 1] : null;
};

/** A step that counts as one check: passed when it exits 0. */
const exitStatus = (_o, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });

const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck'], exitStatus],
  ['lint', 'npm', ['run', '--silent', 'lint'], exitStatus],
  [
    'node tests',
    process.execPath,
    ['test/run-node.mjs'],
    (o) => ({
      passed: Number(last(o, /^ℹ pass (\d+)/gm)?.[1] ?? 0),
      failed: Number(last(o, /^ℹ fail (\d+)/gm)?.[1] ?? 0),
    }),
  ],
  [
    'browser tests',
    'npx',
    ['web-test-runner', '--config', 'test/web-test-runner.config.mjs'],
    (o) => {
      const m = last(o, /(\d+) passed, (\d+) failed/g);
      return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 0) };
    },
  ],
];

let passed = 0;
let failed = 0;
const summary = [];
for (const [label, cmd, args, parse] of steps) {
  const r = await run(label, cmd, args, parse);
  // A runner that crashed without counting is a failure, never a silent pass.
  const failedHere = r.code !== 0 && r.failed === 0 ? 1 : r.failed;
  passed += r.passed;
  failed += failedHere;
  summary.push(`${label}: ${r.passed} passed, ${failedHere} failed${r.code !== 0 ? ` (exit ${r.code})` : ''}`);
}
console.log('\n=== summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
