import { runImport } from '../../../server/core/run-import.ts';
import { apply, snapshot, validFields, emptyState, settings, clock } from './fixtures.ts';
const fields = Array.from({ length: 100000 }, (_, i) => validFields(i + 1));
const snap = snapshot(fields);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let k = 0; k < 2; k++) {
  let t = performance.now(); let c = cpu();
  const o = runImport(emptyState(), snap, settings(), clock('2026-01-12'));
  console.log('first  wall', Math.round(performance.now() - t), 'cpu', Math.round(cpu() - c));
  const st = apply(emptyState(), o);
  t = performance.now(); c = cpu();
  const o2 = runImport(st, snap, settings(), clock('2026-01-13'));
  console.log('second wall', Math.round(performance.now() - t), 'cpu', Math.round(cpu() - c), o2.changes.length);
}
const t0 = performance.now(); let s = 0; for (let i = 0; i < 1e8; i++) s += i % 7; console.log('calibration (528 at load 3.7)', Math.round(performance.now() - t0), s > 0);
