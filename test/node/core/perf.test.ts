/**
 * 100,000 records must run well under 2 s. The machine is shared, so when it is busy the run
 * is also compared with a reference workload of the same nature measured in the same process
 * (JSON.parse of the snapshot, which a push has to do anyway): an accidental quadratic loop
 * would be hundreds of times slower and fail either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runImport } from '../../../server/core/run-import.ts';
import { apply, clock, emptyState, settings, snapshot, validFields, type Fields } from './fixtures.ts';

const N = 100_000;
const BUDGET_MS = 2000;
const REFERENCE_FACTOR = 6;

test(`${N.toLocaleString('en')} records: first import and an unchanged re-run stay linear and fast`, (t) => {
  const json = JSON.stringify(Array.from({ length: N }, (_, i) => validFields(i + 1)));
  let t0 = performance.now();
  const fields = JSON.parse(json) as Fields[];
  const parseMs = performance.now() - t0;
  const budget = Math.max(BUDGET_MS, REFERENCE_FACTOR * parseMs);
  const snap = snapshot(fields);

  t0 = performance.now();
  const first = runImport(emptyState(), snap, settings(), clock('2026-01-12'));
  const firstMs = performance.now() - t0;
  assert.equal(first.counts.integrated, N);
  assert.equal(first.changes.length, N);

  const state = apply(emptyState(), first);
  t0 = performance.now();
  const second = runImport(state, snap, settings(), clock('2026-01-13'));
  const secondMs = performance.now() - t0;
  assert.equal(second.changes.length, 0);
  assert.equal(second.upserts.length, 0);

  t.diagnostic(`JSON.parse ${Math.round(parseMs)} ms, first run ${Math.round(firstMs)} ms, re-run ${Math.round(secondMs)} ms, budget ${Math.round(budget)} ms`);
  assert.ok(firstMs < budget, `first run took ${Math.round(firstMs)} ms (budget ${Math.round(budget)} ms)`);
  assert.ok(secondMs < budget, `re-run took ${Math.round(secondMs)} ms (budget ${Math.round(budget)} ms)`);
});
