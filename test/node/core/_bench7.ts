import { normalise } from '../../../server/core/normalise.ts';
import { validateRecord } from '../../../server/core/validate-record.ts';
import { crossCheck } from '../../../server/core/cross-check.ts';
import { diffRecords } from '../../../server/core/diff.ts';
import { snapshot, validFields } from './fixtures.ts';
const fields = Array.from({ length: 100000 }, (_, i) => validFields(i + 1));
const json = JSON.stringify(fields);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const parsed = JSON.parse(json) as typeof fields;
  const row: string[] = [`parse ${Math.round(performance.now() - t)}`];
  const snap = snapshot(parsed);
  t = performance.now();
  const norm = snap.records.map((r) => normalise(r, 'dmy'));
  row.push(`norm ${Math.round(performance.now() - t)}`); t = performance.now();
  let n = 0;
  for (const x of norm) n += validateRecord(x.record, x.badDates).length;
  row.push(`valid ${Math.round(performance.now() - t)}`); t = performance.now();
  const c = crossCheck(norm.map((x, i) => ({ index: i, record: x.record })));
  row.push(`cross ${Math.round(performance.now() - t)}`); t = performance.now();
  const norm2 = snap.records.map((r) => normalise(r, 'dmy'));
  t = performance.now();
  for (let i = 0; i < norm.length; i++) n += diffRecords(norm[i].record, norm2[i].record).length;
  row.push(`diff ${Math.round(performance.now() - t)}`);
  console.log(row.join(' '), n, c.size);
}
