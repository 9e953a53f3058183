/**
 * `npm run build` when dist is missing or older than its sources, at most once per test run: for
 * the tests that need the built files (end-to-end, bundle size). A lock directory keeps
 * concurrent test processes from building twice at the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist');

/** What the build reads: a change to any of these makes dist stale. */
const buildInputs = [
  'widget',
  'contract',
  'demo',
  'mock-api',
  'vite.config.ts',
  'custom-elements-manifest.config.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function builtAt(): number {
  const info = join(dist, 'build-info.json');
  if (!existsSync(info)) return 0;
  const { builtAt: at } = JSON.parse(readFileSync(info, 'utf8')) as { builtAt: string };
  return Date.parse(at) || 0;
}

export async function ensureBuilt(): Promise<{ built: boolean; ms: number }> {
  const stale = () => builtAt() < Math.max(...buildInputs.map((p) => newestMtime(join(root, p))));
  if (!stale()) return { built: false, ms: 0 };
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const lock = join(root, 'test-output', '.build-lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test process is building: wait for it, then re-check.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('e2e: timed out waiting for another build');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (!stale()) return { built: false, ms: 0 };
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'demo/scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`e2e: npm run build failed\n${r.stdout}\n${r.stderr}`);
    return { built: true, ms: Math.round(performance.now() - t0) };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
