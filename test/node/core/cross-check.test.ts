import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { contractRecord, reason } from '../../../contract/index.ts';
import { CrossCheckIndex, crossCheck } from '../../../server/core/cross-check.ts';
import { validRecord } from './fixtures.ts';

function check(records: contractRecord[]): Map<number, reason[]> {
  return crossCheck(records.map((record, index) => ({ index, record })));
}

const codes = (m: Map<number, reason[]>, i: number) => (m.get(i) ?? []).map((r) => `${r.code}:${r.field}`);

test('distinct contracts sharing their school tutor raise nothing', () => {
  assert.equal(check([validRecord(1), validRecord(2), validRecord(3)]).size, 0);
});

test('the same company tutor on two contracts with the same email is fine', () => {
  const tutor = {
    codeMaitreApprentissage: 'T9',
    nomMaitreApprentissage: 'Bernard',
    prenomMaitreApprentissage: 'Luc',
    emailMaitreApprentissage: 'luc@acme.fr',
  };
  // Names written differently are still one person: the code says so.
  const r = check([validRecord(1, tutor), validRecord(2, { ...tutor, nomMaitreApprentissage: 'BERNARD' })]);
  assert.equal(r.size, 0);
});

test('DUPLICATE_CONTRACT: every copy is flagged with the count', () => {
  const r = check([validRecord(1), validRecord(2, { codeContrat: 'C00001' }), validRecord(3), validRecord(4, { codeContrat: 'C00001' })]);
  for (const i of [0, 1, 3]) {
    assert.deepEqual(r.get(i), [{ code: 'DUPLICATE_CONTRACT', field: 'codeContrat', value: 'C00001', detail: '×3' }]);
  }
  assert.equal(r.has(2), false);
});

test('CODE_CONFLICT: one learner code carried by two different people', () => {
  const r = check([validRecord(1), validRecord(2, { codeApprenant: 'L00001' })]);
  assert.deepEqual(codes(r, 0), ['CODE_CONFLICT:codeApprenant']);
  assert.deepEqual(codes(r, 1), ['CODE_CONFLICT:codeApprenant']);
  assert.match(r.get(0)?.[0].detail ?? '', /C00002: codeApprenant L00001 Prénom2 NOM2/);
  assert.match(r.get(1)?.[0].detail ?? '', /C00001: codeApprenant L00001 Prénom1 NOM1/);
});

test('CODE_CONFLICT: same learner (same folded names) on two contracts is fine', () => {
  const r = check([
    validRecord(1),
    validRecord(2, { codeApprenant: 'L00001', nomApprenant: 'nom1', prenomApprenant: 'prenom1', emailApprenant: 'learner1@example.fr' }),
  ]);
  assert.equal(r.size, 0);
  const hyphen = check([
    validRecord(1, { prenomApprenant: 'Jean-Pierre' }),
    validRecord(2, {
      codeApprenant: 'L00001',
      prenomApprenant: 'jean pierre',
      nomApprenant: 'NOM1',
      emailApprenant: 'learner1@example.fr',
    }),
  ]);
  assert.equal(hyphen.size, 0);
});

test('CODE_CONFLICT: a learner code equal to a tutor code (two roles), each record names its own field', () => {
  const r = check([validRecord(1), validRecord(2, { codeMaitreApprentissage: 'L00001' })]);
  assert.deepEqual(codes(r, 0), ['CODE_CONFLICT:codeApprenant']);
  assert.deepEqual(codes(r, 1), ['CODE_CONFLICT:codeMaitreApprentissage']);
  // Within one record too.
  const same = check([validRecord(1, { codePersonnel: 'L00001' })]);
  assert.deepEqual(codes(same, 0), ['CODE_CONFLICT:codeApprenant', 'CODE_CONFLICT:codePersonnel']);
});

test('EMAIL_CONFLICT: one email carried by two learners', () => {
  const r = check([validRecord(1), validRecord(2, { emailApprenant: 'learner1@example.fr' })]);
  assert.deepEqual(codes(r, 0), ['EMAIL_CONFLICT:emailApprenant']);
  assert.deepEqual(codes(r, 1), ['EMAIL_CONFLICT:emailApprenant']);
  assert.equal(r.get(0)?.[0].value, 'learner1@example.fr');
});

test("EMAIL_CONFLICT: a learner using their own company tutor's email", () => {
  const r = check([validRecord(1, { emailApprenant: 'tutor1@company.fr' })]);
  assert.deepEqual(codes(r, 0), ['EMAIL_CONFLICT:emailApprenant', 'EMAIL_CONFLICT:emailMaitreApprentissage']);
});

test('EMAIL_CONFLICT: a tutor whose code is missing on one contract is matched by name, not counted twice', () => {
  const r = check([
    validRecord(1),
    validRecord(2, { codeMaitreApprentissage: '', nomMaitreApprentissage: 'TUTEUR1', emailMaitreApprentissage: 'tutor1@company.fr' }),
  ]);
  assert.equal(r.size, 0);
});

test('a placeholder email shared by thousands: every copy flagged, the detail stays short', () => {
  // (Its speed is the bench's business: tests assert no timing.)
  const records = Array.from({ length: 5000 }, (_, i) => validRecord(i + 1, { emailApprenant: 'noemail@cfa.fr' }));
  const r = check(records);
  assert.equal(r.size, 5000);
  const detail = r.get(0)?.[0].detail ?? '';
  assert.match(detail, /\+4996$/);
});

test('the streamed index: crossCheck on the suspect groups only finds exactly what it finds on everything', () => {
  // A seeded mess: shared tutors, reused codes and emails across roles, names typed two ways,
  // missing codes, duplicated contract codes.
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const records: contractRecord[] = [];
  for (let i = 1; i <= 600; i++) {
    const o: Partial<contractRecord> = {};
    if (rnd(10) === 0) o.codeContrat = `C${String(1 + rnd(600)).padStart(5, '0')}`;
    if (rnd(8) === 0) o.emailApprenant = `learner${1 + rnd(600)}@example.fr`;
    if (rnd(12) === 0) o.codeMaitreApprentissage = `L${String(1 + rnd(600)).padStart(5, '0')}`;
    if (rnd(15) === 0) o.codeApprenant = '';
    if (rnd(9) === 0) o.nomMaitreApprentissage = `TUTEUR${1 + rnd(40)}`;
    if (rnd(25) === 0) o.emailPersonnel = `tutor${1 + rnd(600)}@company.fr`;
    records.push(validRecord(i, o));
  }
  const full = check(records);
  assert.ok(full.size > 50, `the fixture should hold many conflicts (${full.size})`);
  const index = new CrossCheckIndex();
  for (const r of records) index.add(r);
  const candidates = records.flatMap((record, pos) => (index.candidateAt(pos) ? [{ index: pos, record }] : []));
  assert.ok(candidates.length < records.length, 'the index narrows the check');
  const subset = crossCheck(candidates);
  assert.deepEqual(
    [...subset].sort((a, b) => a[0] - b[0]),
    [...full].sort((a, b) => a[0] - b[0]),
  );
});

for (const sized of [false, true])
  test(`the index finds the suspects of a large snapshot by position, across its chunks of kept keys${sized ? ' (sized for it)' : ''}`, () => {
    const n = 40_000;
    const index = sized ? new CrossCheckIndex(n) : new CrossCheckIndex();
    const shared = 'same.person@example.fr';
    // Record 3 and record 35,000 give one email to two learners: only they are candidates.
    for (let i = 1; i <= n; i++) {
      const pos = i - 1;
      index.add(validRecord(i, pos === 3 || pos === 35_000 ? { emailApprenant: shared } : { emailApprenant: `learner${i}@example.fr` }));
    }
    assert.equal(index.clean, false);
    const candidates: number[] = [];
    for (let pos = 0; pos < n; pos++) if (index.candidateAt(pos)) candidates.push(pos);
    // 30-bit keys of 40,000 emails and codes collide a few times (merged groups, checked exactly).
    assert.ok(candidates.includes(3) && candidates.includes(35_000), `${candidates.slice(0, 20)}`);
    assert.ok(candidates.length < n / 100, `${candidates.length} candidates`);
    const found = crossCheck(
      candidates.map((pos) => ({
        index: pos,
        record: validRecord(
          pos + 1,
          pos === 3 || pos === 35_000 ? { emailApprenant: shared } : { emailApprenant: `learner${pos + 1}@example.fr` },
        ),
      })),
    );
    assert.deepEqual(
      [...found.keys()].sort((a, b) => a - b),
      [3, 35_000],
    );
    assert.throws(() => index.candidateAt(n), RangeError);
  });

test('a conflict names the other people in words: contract, role, name (for a sentence, not a code dump)', () => {
  const shared = 'anais.aubert645@outlook.fr';
  const r = crossCheck([
    { index: 0, record: validRecord(1, { emailApprenant: shared, prenomApprenant: 'Anaïs', nomApprenant: 'Aubert' }) },
    {
      index: 1,
      record: validRecord(2, {
        codeContrat: '2025-000646',
        emailMaitreApprentissage: shared,
        prenomMaitreApprentissage: 'Valérie',
        nomMaitreApprentissage: 'Guérin',
      }),
    },
  ]);
  const learner = (r.get(0) ?? []).find((x) => x.code === 'EMAIL_CONFLICT');
  assert.deepEqual(learner?.others, [{ codeContrat: '2025-000646', role: 'tutor', name: 'Valérie Guérin' }]);
  assert.equal(learner?.more, undefined);
  const tutor = (r.get(1) ?? []).find((x) => x.code === 'EMAIL_CONFLICT');
  assert.deepEqual(tutor?.others, [{ codeContrat: 'C00001', role: 'learner', name: 'Anaïs Aubert' }]);
});
