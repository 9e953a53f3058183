import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateErp, type ErpContract } from '../../../mock-api/fake-erp/index.ts';
import { defectsOf, uniqueCodes } from './checks.ts';

const opts = { seed: 7, contracts: 1500, days: 30, startDate: '2025-10-01' };

describe('fake ERP: generateErp', () => {
  const erp = generateErp(opts);
  const groups = new Set(erp.groupCodes());

  it('is deterministic for a seed, and differs across seeds', () => {
    const again = generateErp(opts);
    for (const day of [0, 13, 29]) assert.deepEqual(again.snapshot(day), erp.snapshot(day));
    assert.deepEqual(again.events, erp.events);
    // Fresh objects each call: a caller mutating a snapshot cannot corrupt the next one.
    const first = erp.snapshot(3);
    first[0].nomEntreprise = 'mutated';
    assert.notEqual(erp.snapshot(3)[0].nomEntreprise, 'mutated');
    const other = generateErp({ ...opts, seed: 8 }).snapshot(0);
    assert.notDeepEqual(other.slice(0, 20), erp.snapshot(0).slice(0, 20));
  });

  it('has day 0 with the requested active contracts, in the flat sync shape with French dates', () => {
    const s = erp.snapshot(0);
    assert.equal(uniqueCodes(s), opts.contracts);
    for (const c of s) {
      assert.match(c.dateDebut ?? '', /^\d{2}\/\d{2}\/\d{4}$/);
      assert.equal(c.nomPeriode, '2025/2026');
      assert.ok(['1ère année', '2ème année'].includes(c.nomAnnee ?? ''));
    }
    assert.deepEqual([...new Set(s.map((c) => c.nomSite))].sort(), ['Grenoble', 'Lyon', 'Saint-Étienne', 'Villeurbanne']);
    const names = s.map((c) => `${c.prenomApprenant} ${c.nomApprenant}`).join('|');
    assert.match(names, /[éèëïç]/, 'accented names are present');
    assert.throws(() => erp.snapshot(30), RangeError);
  });

  it('keeps 4–8 % of contracts defective on every day, with varied defects', () => {
    const kinds = new Set<string>();
    for (const day of [0, 7, 15, 22, 29]) {
      const s = erp.snapshot(day);
      const defects = defectsOf(s, groups);
      const rate = defects.size / uniqueCodes(s);
      assert.ok(rate >= 0.04 && rate <= 0.08, `day ${day}: defect rate ${(rate * 100).toFixed(1)} %`);
      for (const list of defects.values()) for (const p of list) kinds.add(p.split(':')[0] === 'missing' ? p : p.split(':')[0]);
    }
    for (const k of [
      'missing:nomEntreprise',
      'missing:emailMaitreApprentissage',
      'missing:codePersonnel',
      'missing:codeGroupe',
      'email',
      'emailShared',
      'dates',
      'rncp',
      'duplicate',
    ]) {
      assert.ok(kinds.has(k), `defect ${k} occurs`);
    }
  });

  it('carries hostile learner names on otherwise valid contracts', () => {
    const s = erp.snapshot(29);
    const defects = defectsOf(s, groups);
    for (const needle of ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")']) {
      const c = s.find((x) => x.prenomApprenant === needle || x.nomApprenant === needle);
      assert.ok(c, `hostile learner ${needle}`);
      assert.equal(defects.has(c.codeContrat), false);
    }
  });

  it('evolves day to day: intakes, edits, fixes, breakages, departures, terminations', () => {
    const seen = new Set<string>();
    const byCode = (s: ErpContract[]) => new Map(s.map((c) => [c.codeContrat, c]));
    let prev = erp.snapshot(0);
    for (let day = 1; day < opts.days; day++) {
      const cur = erp.snapshot(day);
      const before = byCode(prev);
      const after = byCode(cur);
      const badBefore = defectsOf(prev, groups);
      const badAfter = defectsOf(cur, groups);
      for (const code of after.keys()) if (!before.has(code)) seen.add('added');
      for (const code of before.keys()) if (!after.has(code)) seen.add('removed');
      for (const [code, a] of after) {
        const b = before.get(code);
        if (!b) continue;
        if (badBefore.has(code) && !badAfter.has(code)) seen.add('fixed');
        if (!badBefore.has(code) && badAfter.get(code)?.includes('missing:emailMaitreApprentissage')) seen.add('broken');
        if (badBefore.has(code) || badAfter.has(code)) continue;
        if (b.emailMaitreApprentissage !== a.emailMaitreApprentissage) seen.add('tutorEmail');
        if (b.codeGroupe !== a.codeGroupe) seen.add('group');
        if (b.nomEntreprise !== a.nomEntreprise) seen.add('companyRenamed');
        if (b.dateFin !== a.dateFin) seen.add('endDate');
        if (!b.dateResiliation && a.dateResiliation) seen.add('terminated');
      }
      prev = cur;
    }
    assert.deepEqual([...seen].sort(), [
      'added',
      'broken',
      'companyRenamed',
      'endDate',
      'fixed',
      'group',
      'removed',
      'terminated',
      'tutorEmail',
    ]);
  });

  it('derives 20,000 contracts for one day well under a second', () => {
    // CPU time, not wall time: two shared cores run other suites at once, which would only
    // measure the neighbours. The bound leaves room for GC threads counted in cpuUsage.
    const cpu = process.cpuUsage();
    const big = generateErp({ seed: 1, contracts: 20_000, days: 1, startDate: '2025-11-01' });
    const s = big.snapshot(0);
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    assert.equal(uniqueCodes(s), 20_000);
    assert.ok(ms < 1200, `${ms.toFixed(0)} ms of CPU`);
  });
});
