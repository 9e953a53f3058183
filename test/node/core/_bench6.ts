import { runImport } from '../../../server/core/run-import.ts';
import { apply, snapshot, validFields, emptyState, settings, clock } from './fixtures.ts';
const fields = Array.from({ length: 100000 }, (_, i) => validFields(i + 1));
const json = JSON.stringify(fields);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const parsed = JSON.parse(json) as typeof fields;
  const tp = performance.now() - t;
  const snap = snapshot(parsed);
  t = performance.now();
  const o = runImport(emptyState(), snap, settings(), clock('2026-01-12'));
  const t1 = performance.now() - t;
  const st = apply(emptyState(), o);
  t = performance.now();
  runImport(st, snap, settings(), clock('2026-01-13'));
  const t2 = performance.now() - t;
  console.log('parse', Math.round(tp), 'first', Math.round(t1), 'second', Math.round(t2), 'ratios', (t1 / tp).toFixed(1), (t2 / tp).toFixed(1));
}
