/** Issue 2: the pull source read over real HTTP by the runner; an unreachable ERP fails the run and changes nothing. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { RunError } from '../../../server/runner/runner.ts';
import { openEnv, type Env } from './helpers.ts';

function ypareo(n: number, over: Record<string, unknown> = {}) {
  const id = String(n).padStart(4, '0');
  return {
    codeContrat: `Y${id}`,
    dateDebut: '02/09/2025',
    dateFin: '01/07/2027',
    dateResiliation: null,
    entreprise: { raisonSociale: `Boulangerie ${id}`, siret: '73282932000074' },
    apprenant: { code: `A${id}`, nom: `Bénard${id}`, prenom: 'Zoé', email: `zoe${id}@exemple.fr` },
    maitreApprentissage: { code: `M${id}`, nom: `Guérin${id}`, prenom: 'Noël', email: `noel${id}@boulangerie.fr` },
    tuteurEcole: { code: 'T1', nom: 'Ménard', prenom: 'Cécile', email: 'cecile.menard@cfa.fr' },
    site: { code: 'GRE', nom: 'Grenoble' },
    marque: null,
    periode: { code: 'P2526', nom: '2025/2026' },
    formation: { code: 'CAPBOUL', nom: 'CAP Boulanger', rncp: 'RNCP37859' },
    annee: { code: 'A1', nom: '1ère année' },
    groupe: { code: 'CAPB1', nom: 'CAP Boulanger 1A' },
    mission: null,
    moisEntree: '09',
    ...over,
  };
}

let server: Server;
let items: ReturnType<typeof ypareo>[] = [];
let env: Env;
let deadUrl: string;

before(async () => {
  server = createServer((req, res) => {
    if (req.headers['x-auth-token'] !== 'cle-erp') {
      res.writeHead(401).end('{"error":"bad key"}');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? 1);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ total: items.length, page, limit, contrats: items.slice((page - 1) * limit, page * limit) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/r/v1/contrats`;
  await new Promise<void>((r) => dead.close(() => r()));
  env = await openEnv([
    { source: { kind: 'pull', url: `http://127.0.0.1:${port}/r/v1/contrats`, headers: { 'X-Auth-Token': 'cle-erp' }, pageSize: 7 } },
    { source: { kind: 'pull', url: deadUrl, retries: 1, timeoutMs: 500 } },
  ]);
});

after(async () => {
  await env.cleanup();
  await new Promise<void>((r) => server.close(() => r()));
});

test('pages through the ERP and integrates what it reads', async () => {
  items = Array.from({ length: 20 }, (_, i) => ypareo(i + 1));
  const result = await env.product.runner.runSource('cfa', { date: '2026-11-02' });
  assert.equal(result.run.source, 'pull');
  assert.equal(result.run.counts.received, 20);
  assert.equal(result.run.counts.integrated, 20);
  const list = await env.product.store.listContracts('cfa', { status: 'integrated', q: 'benard0003', limit: 5, offset: 0 });
  assert.equal(list.items[0]?.data.nomEntreprise, 'Boulangerie 0003');
  assert.equal(list.items[0]?.data.dateDebut, '2025-09-02');
});

test('a termination date archives the contract', async () => {
  items = Array.from({ length: 20 }, (_, i) => ypareo(i + 1, i === 0 ? { dateResiliation: '15/10/2026' } : {}));
  const result = await env.product.runner.runSource('cfa', { date: '2026-11-03' });
  assert.equal(result.run.counts.archived, 1);
  const archived = await env.product.store.listContracts('cfa', { status: 'archived', limit: 5, offset: 0 });
  assert.deepEqual(
    archived.items.map((i) => i.codeContrat),
    ['Y0001'],
  );
});

test('an unreachable ERP fails the run with its reason and changes nothing', async () => {
  await assert.rejects(env.product.runner.runSource('cfa1', { date: '2026-11-02' }), (e: RunError) => e.code === 'SOURCE_FAILED');
  const s = await env.product.store.summary('cfa1');
  assert.equal(s.lastRun?.status, 'failed');
  assert.ok(s.lastRun?.error && s.lastRun.error.length > 10, `a reason is recorded: ${s.lastRun?.error}`);
  assert.equal(s.lastRun?.failure, 'source', 'the kind of failure, for words an administrator can act on');
  assert.equal(s.totals.integrated, 0);
});
