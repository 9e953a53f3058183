/**
 * The self-contained bundle's budget, enforced: what a page loads before its first paint (both
 * elements, Lit, French) stays within 30 kB gzip; the contract's schemas (zod) come with the
 * first request and English when first shown, each in its own file next to the bundle. The
 * measures and budgets are `npm run size`'s own (demo/scripts/size.mjs --json).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../support/ensure-built.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(root, 'dist');

interface Measure {
  name: string;
  files: string[];
  budget: number;
  missing: string[];
  gzip?: number;
  modules?: string[];
  lazy?: string[];
}

test('the bundle and the files it loads on demand stay within their gzip budgets', { timeout: 600_000 }, async () => {
  await ensureBuilt();
  const run = spawnSync(process.execPath, [join(root, 'demo/scripts/size.mjs'), '--json'], { encoding: 'utf8' });
  const measures = JSON.parse(run.stdout) as Measure[];
  for (const m of measures) {
    assert.deepEqual(m.missing, [], `${m.name}: missing ${m.missing.join(', ')}`);
    assert.ok((m.gzip ?? Infinity) <= m.budget, `${m.name}: ${m.gzip} bytes gzip, budget ${m.budget}`);
  }
  const bundle = measures.find((m) => m.name === 'bundle');
  assert.ok(bundle, 'the bundle is measured');
  // The target of issue #7, met (see size.mjs).
  assert.ok(bundle.budget <= 30_000, 'the first paint costs at most 30 kB gzip');
  const withSchemas = measures.find((m) => m.name === 'bundle + schemas');
  assert.ok(withSchemas && withSchemas.budget <= 40_000, 'with the first request’s schemas, at most 40 kB gzip');
  assert.deepEqual(bundle.modules, ['erp-sync.bundle.js'], 'one file before the first paint');
  assert.equal(run.status, 0, run.stderr);
});

test('English, the schemas and a running run’s drawing are not in the bundle, but in the files it loads on demand', {
  timeout: 600_000,
}, async () => {
  await ensureBuilt();
  const bundle = readFileSync(join(dist, 'erp-sync.bundle.js'), 'utf8');
  const later = readdirSync(dist).filter((f) => /^erp-sync\.bundle\..+\.js$/.test(f));
  const read = (name: string) => {
    const file = later.find((f) => f.startsWith(`erp-sync.bundle.${name}-`));
    assert.ok(file, `erp-sync.bundle.${name}-*.js is built`);
    assert.ok(bundle.includes(`./${file}`), `the bundle loads ${file}`);
    return readFileSync(join(dist, file), 'utf8');
  };
  // French is the default and bundled; English words only in their own file.
  assert.ok(bundle.includes('Contrats intégrés'));
  assert.ok(!bundle.includes('Integrated contracts') && !bundle.includes('Employer missing'));
  const english = read('en');
  assert.ok(english.includes('Integrated contracts') && english.includes('Employer missing'));
  // zod/mini and the contract's schemas: with the first request.
  assert.ok(!bundle.includes('ZodMiniObject'), 'no zod in the bundle');
  assert.ok(read('api-responses').includes('ZodMiniObject'), 'zod in the schemas file');
  // A running run's progress and abandon button: only while a run runs.
  assert.ok(!bundle.includes('progressbar'), 'the progress bar is not drawn by the first paint’s code');
  assert.ok(read('run-progress').includes('progressbar'));
  // The trend chart: beside its own data.
  assert.ok(!bundle.includes('Pas encore de données pour la courbe'), 'the chart is not drawn by the first paint’s code');
  assert.ok(read('trend').includes('Pas encore de données pour la courbe'));
  // An opened day's changes and a contract's own timeline: when a day is opened or a host asks for one.
  assert.ok(!bundle.includes('Ancienne valeur'), 'the change details are not in the first paint’s code');
  assert.ok(read('history-changes').includes('Ancienne valeur'));
});
