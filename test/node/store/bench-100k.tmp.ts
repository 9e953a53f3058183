import { join } from 'node:path';
import { emptyRecord, type ContractRecord } from '../../../server/contract/index.ts';
import type { Change, IntegratedContract, ReceivedRecord } from '../../../server/core/types.ts';
import { openSqliteStore } from '../../../server/store/sqlite/index.ts';
import { ORG, T, change, counts, data, outcome, sessionOf } from './fixtures.ts';
import { tempDir } from './sqlite-helpers.ts';

const N = 100_000;
const tmp = await tempDir();
const store = openSqliteStore(join(tmp.dir, 'big.db'));
await store.init();
await store.upsertOrganization({ id: ORG, name: 'Big CFA' });
const base: ContractRecord = { ...emptyRecord(), ...data.C001 };
const upserts: IntegratedContract[] = [];
const records: ReceivedRecord[] = [];
const changes: Change[] = [];
for (let i = 0; i < N; i++) {
  const code = `K${String(i).padStart(6, '0')}`;
  const d: ContractRecord = { ...base, codeContrat: code, codeApprenant: `A${i}`, nomApprenant: `NOM${i % 5000}`, prenomApprenant: `Prénom${i % 977}`, emailApprenant: `a${i}@example.org`, codeGroupe: `G${i % 200}` };
  upserts.push({ code, status: 'integrated', data: d, session: sessionOf(d), since: T.run1, updatedAt: T.run1 });
  records.push({ index: i, raw: d, fields: d });
  changes.push(change('added', d, T.run1, { fields: [{ field: 'nomApprenant', before: '', after: d.nomApprenant }] }));
}
async function measure(label: string, fn: () => Promise<unknown>) {
  const c = process.cpuUsage(); const t = performance.now();
  await fn();
  const u = process.cpuUsage(c);
  console.log(label, 'wall', (performance.now() - t).toFixed(0), 'cpu', ((u.user + u.system) / 1000).toFixed(0), 'user', (u.user/1000).toFixed(0));
}
let run = '';
await measure('startRun', async () => { run = await store.startRun(ORG, { source: 'push', startedAt: T.run1, date: '2025-09-01' }, records); });
await measure('applyRun', () => store.applyRun(ORG, run, outcome({ counts: counts({ received: N }), upserts, changes }), T.run1end));
await measure('loadState', () => store.loadState(ORG));
await store.close();
await tmp.cleanup();
