import { normalise } from '../../../server/core/normalise.ts';
import { received, validFields } from './fixtures.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const recs = Array.from({ length: 100000 }, (_, i) => received(validFields(i + 1), i));
for (let k = 0; k < 4; k++) { const c = cpu(); const norm = recs.map((r) => normalise(r, 'dmy')); console.log('normalise cpu', Math.round(cpu() - c), norm.length); }
