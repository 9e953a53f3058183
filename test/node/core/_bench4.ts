import { parseDate } from '../../../server/core/dates.ts';
import { contractFields } from '../../../server/contract/index.ts';
import { validFields } from './fixtures.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const recs = Array.from({ length: 100000 }, (_, i) => validFields(i + 1));
for (let k = 0; k < 2; k++) {
let c = cpu();
let n = 0;
for (const r of recs) for (const f of contractFields) { const v = r[f]; if (typeof v === 'string') n += v.trim().length; }
console.log('trim all', Math.round(cpu() - c), n);
c = cpu();
for (const r of recs) { n += (parseDate(r.dateDebut ?? '', 'dmy') ?? '').length; n += (parseDate(r.dateFin ?? '', 'dmy') ?? '').length; }
console.log('dates', Math.round(cpu() - c), n);
c = cpu();
for (const r of recs) { n += (r.emailApprenant ?? '').toLowerCase().length + (r.emailPersonnel ?? '').toLowerCase().length + (r.emailMaitreApprentissage ?? '').toLowerCase().length; }
console.log('lower', Math.round(cpu() - c), n);
}
