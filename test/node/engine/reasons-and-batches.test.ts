/** Issue 2, on real SQLite files: every reason, one bad record never sinks a batch, idempotence. */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { parsePushBody } from '../../../server/sources/index.ts';
import { contract, openEnv, receivedOf, snap, type Env, type Flat } from './helpers.ts';

const push = (items: unknown[]) => parsePushBody(JSON.stringify(items), Number.MAX_SAFE_INTEGER);

describe('every reason, stored with its field and value', () => {
  let env: Env;
  before(async () => {
    env = await openEnv([{ source: { kind: 'push' } }, { source: { kind: 'push' }, sessions: 'configured', groups: ['G-MCO1'] }]);
  });
  after(() => env.cleanup());

  const cases: [string, Flat | string, string][] = [
    ['C00101', contract(101, { nomEntreprise: '' }), 'EMPLOYER_MISSING'],
    ['C00102', contract(102, { nomMaitreApprentissage: '' }), 'TUTOR_MISSING'],
    ['C00103', contract(103, { emailMaitreApprentissage: '' }), 'TUTOR_EMAIL_MISSING'],
    ['C00104', contract(104, { emailMaitreApprentissage: 'jean.dupont@' }), 'TUTOR_EMAIL_INVALID'],
    [
      'C00105',
      contract(105, { codePersonnel: 'PERS5', nomPersonnel: 'Roux', prenomPersonnel: '', emailPersonnel: 'roux@cfa.fr' }),
      'SCHOOL_TUTOR_MISSING',
    ],
    [
      'C00106',
      contract(106, { codePersonnel: 'PERS6', nomPersonnel: 'Durand', prenomPersonnel: 'Luc', emailPersonnel: '' }),
      'SCHOOL_TUTOR_EMAIL_MISSING',
    ],
    [
      'C00107',
      contract(107, { codePersonnel: 'PERS7', nomPersonnel: 'Petit', prenomPersonnel: 'Léa', emailPersonnel: 'lea petit@cfa.fr' }),
      'SCHOOL_TUTOR_EMAIL_INVALID',
    ],
    ['C00108', contract(108, { prenomApprenant: '' }), 'LEARNER_MISSING'],
    ['C00109', contract(109, { emailApprenant: '' }), 'LEARNER_EMAIL_MISSING'],
    ['C00110', contract(110, { emailApprenant: 'eleve@@exemple' }), 'LEARNER_EMAIL_INVALID'],
    ['C00111', contract(111, { codeSite: '' }), 'STRUCTURE_MISSING'],
    ['C00112', contract(112, { dateDebut: '31/02/2026' }), 'DATE_INVALID'],
    ['C00113', contract(113, { dateDebut: '01/09/2026', dateFin: '01/09/2025' }), 'DATES_INCOHERENT'],
    ['C00114', contract(114, { rncp: 'RNCP-ABC' }), 'RNCP_INVALID'],
    ['C00115', contract(115, { siretEntreprise: '1234' }), 'SIRET_INVALID'],
    ['CDUP', contract(116, { codeContrat: 'CDUP' }), 'DUPLICATE_CONTRACT'],
    ['CDUP', contract(117, { codeContrat: 'CDUP' }), 'DUPLICATE_CONTRACT'],
    // a learner code equal to another contract's company tutor code: two roles, one code
    ['C00118', contract(118), 'CODE_CONFLICT'],
    ['C00119', contract(119, { codeApprenant: 'MA00118' }), 'CODE_CONFLICT'],
    // one email, two different people
    ['C00120', contract(120), 'EMAIL_CONFLICT'],
    ['C00121', contract(121, { emailApprenant: 'apprenant00120@exemple.fr' }), 'EMAIL_CONFLICT'],
    ['#index:23', 'not an object', 'ROW_MALFORMED'],
  ];

  test('each rule rejects its contract, the valid one is integrated', async () => {
    const items = [contract(100), contract(122, { codeContrat: '' }), ...cases.map((c) => c[1])];
    const result = await env.product.runner.importInput('cfa', snap(push(items)));
    assert.equal(result.run.status, 'succeeded');
    const rejected = await env.product.store.listContracts('cfa', { status: 'rejected', limit: 500, offset: 0 });
    const byCode = new Map(rejected.items.map((i) => [i.codeContrat, i]));
    for (const [code, , reason] of cases) {
      const item = byCode.get(code);
      assert.ok(item, `${code} should be rejected (${reason}); rejected: ${[...byCode.keys()].join(',')}`);
      assert.ok(
        item.reasons.some((r) => r.code === reason),
        `${code}: expected ${reason}, got ${item.reasons.map((r) => r.code).join(',')}`,
      );
    }
    const missingCode = rejected.items.find((i) => i.reasons.some((r) => r.code === 'CONTRACT_CODE_MISSING'));
    assert.ok(missingCode, 'a record without codeContrat is kept and rejected');
    const employer = byCode.get('C00101')!.reasons.find((r) => r.code === 'EMPLOYER_MISSING')!;
    assert.equal(employer.field, 'nomEntreprise');
    const tutorEmail = byCode.get('C00104')!.reasons.find((r) => r.code === 'TUTOR_EMAIL_INVALID')!;
    assert.deepEqual([tutorEmail.field, tutorEmail.value], ['emailMaitreApprentissage', 'jean.dupont@']);
    const integrated = await env.product.store.listContracts('cfa', { status: 'integrated', limit: 500, offset: 0 });
    assert.deepEqual(
      integrated.items.map((i) => i.codeContrat),
      ['C00100'],
    );
  });

  test('GROUP_UNKNOWN when the organisation requires configured sessions', async () => {
    const result = await env.product.runner.importInput('cfa1', snap(push([contract(1), contract(2, { codeGroupe: 'G-INCONNU' })])));
    assert.equal(result.run.counts.integrated, 1);
    const rejected = await env.product.store.listContracts('cfa1', { status: 'rejected', limit: 50, offset: 0 });
    assert.equal(rejected.items.length, 1);
    assert.deepEqual(
      rejected.items[0].reasons.map((r) => [r.code, r.field, r.value]),
      [['GROUP_UNKNOWN', 'codeGroupe', 'G-INCONNU']],
    );
  });
});

describe('batches', () => {
  let env: Env;
  before(async () => {
    env = await openEnv();
  });
  after(() => env.cleanup());

  test('one bad record among 1,000 leaves the 999 others integrated, and every record is kept', async () => {
    const items: unknown[] = Array.from({ length: 1000 }, (_, i) => contract(i + 1));
    items[500] = contract(501, { emailApprenant: 'pas-un-email' });
    const result = await env.product.runner.importInput('cfa', snap(push(items)));
    assert.equal(result.run.counts.received, 1000);
    assert.equal(result.run.counts.integrated, 999);
    assert.equal(result.run.counts.rejected, 1);
    const kept = await receivedOf(env.product, 'cfa', result.runId);
    assert.equal(kept.length, 1000);
    assert.deepEqual(kept[500].raw, items[500]);
  });

  test('the same snapshot twice changes nothing the second time', async () => {
    const items: unknown[] = Array.from({ length: 1000 }, (_, i) => contract(i + 1));
    items[500] = contract(501, { emailApprenant: 'pas-un-email' });
    const day = (await env.product.store.historyDays('cfa', { limit: 10 })).days[0];
    const again = await env.product.runner.importInput('cfa', snap(push(items)));
    const c = again.run.counts;
    assert.deepEqual([c.added, c.updated, c.archived, c.fixed, c.newlyRejected], [0, 0, 0, 0, 0]);
    assert.equal(c.integrated, 999);
    const dayAfter = (await env.product.store.historyDays('cfa', { limit: 10 })).days[0];
    assert.deepEqual(
      [dayAfter.added, dayAfter.updated, dayAfter.archived, dayAfter.rejected, dayAfter.fixed],
      [day.added, day.updated, day.archived, day.rejected, day.fixed],
    );
  });

  test('the state survives closing and reopening the database file', async () => {
    const product = await env.reopen();
    const s = await product.store.summary('cfa');
    assert.equal(s.totals.integrated, 999);
    assert.equal(s.totals.rejected, 1);
  });
});
