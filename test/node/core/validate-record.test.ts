import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { reason } from '../../../contract/index.ts';
import { normalise } from '../../../server/core/normalise.ts';
import { isValidEmail, validateRecord } from '../../../server/core/validate-record.ts';
import { received, validFields, type Fields } from './fixtures.ts';

function reasonsOf(overrides: Fields, malformed?: string): reason[] {
  const { record, badDates } = normalise(received(validFields(1, overrides)), 'dmy');
  return validateRecord(record, badDates, malformed);
}

test('a valid record has no reason; optional fields may be empty', () => {
  assert.deepEqual(reasonsOf({}), []);
  assert.deepEqual(reasonsOf({ siretEntreprise: '', rncp: '', dateDebut: '', dateFin: '', codeMarque: '', missionTitle: '' }), []);
});

const single: [string, Fields, reason][] = [
  ['contract code', { codeContrat: ' ' }, { code: 'CONTRACT_CODE_MISSING', field: 'codeContrat', value: '' }],
  ['employer', { nomEntreprise: '' }, { code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' }],
  ['tutor code', { codeMaitreApprentissage: '' }, { code: 'TUTOR_MISSING', field: 'codeMaitreApprentissage', value: '' }],
  ['tutor name', { nomMaitreApprentissage: '' }, { code: 'TUTOR_MISSING', field: 'nomMaitreApprentissage', value: '' }],
  ['tutor first name', { prenomMaitreApprentissage: '' }, { code: 'TUTOR_MISSING', field: 'prenomMaitreApprentissage', value: '' }],
  ['tutor email', { emailMaitreApprentissage: '' }, { code: 'TUTOR_EMAIL_MISSING', field: 'emailMaitreApprentissage', value: '' }],
  [
    'tutor email invalid',
    { emailMaitreApprentissage: 'paul.company.fr' },
    { code: 'TUTOR_EMAIL_INVALID', field: 'emailMaitreApprentissage', value: 'paul.company.fr' },
  ],
  ['school tutor code', { codePersonnel: '' }, { code: 'SCHOOL_TUTOR_MISSING', field: 'codePersonnel', value: '' }],
  ['school tutor name', { nomPersonnel: '' }, { code: 'SCHOOL_TUTOR_MISSING', field: 'nomPersonnel', value: '' }],
  ['school tutor first name', { prenomPersonnel: '' }, { code: 'SCHOOL_TUTOR_MISSING', field: 'prenomPersonnel', value: '' }],
  ['school tutor email', { emailPersonnel: '' }, { code: 'SCHOOL_TUTOR_EMAIL_MISSING', field: 'emailPersonnel', value: '' }],
  [
    'school tutor email invalid',
    { emailPersonnel: 'claire@cfa' },
    { code: 'SCHOOL_TUTOR_EMAIL_INVALID', field: 'emailPersonnel', value: 'claire@cfa' },
  ],
  ['learner code', { codeApprenant: '' }, { code: 'LEARNER_MISSING', field: 'codeApprenant', value: '' }],
  ['learner name', { nomApprenant: '' }, { code: 'LEARNER_MISSING', field: 'nomApprenant', value: '' }],
  ['learner first name', { prenomApprenant: '' }, { code: 'LEARNER_MISSING', field: 'prenomApprenant', value: '' }],
  ['learner email', { emailApprenant: '' }, { code: 'LEARNER_EMAIL_MISSING', field: 'emailApprenant', value: '' }],
  [
    'learner email invalid',
    { emailApprenant: 'jean dupont@x.fr' },
    { code: 'LEARNER_EMAIL_INVALID', field: 'emailApprenant', value: 'jean dupont@x.fr' },
  ],
  ['start date', { dateDebut: '31/02/2026' }, { code: 'DATE_INVALID', field: 'dateDebut', value: '31/02/2026' }],
  ['end date', { dateFin: 'bientôt' }, { code: 'DATE_INVALID', field: 'dateFin', value: 'bientôt' }],
  ['termination date', { dateResiliation: '2026-02-30' }, { code: 'DATE_INVALID', field: 'dateResiliation', value: '2026-02-30' }],
  [
    'dates',
    { dateDebut: '01/09/2026', dateFin: '31/08/2026' },
    { code: 'DATES_INCOHERENT', field: 'dateFin', value: '2026-09-01 → 2026-08-31' },
  ],
  ['rncp', { rncp: 'RNCP1' }, { code: 'RNCP_INVALID', field: 'rncp', value: 'RNCP1' }],
  ['siret', { siretEntreprise: '1234' }, { code: 'SIRET_INVALID', field: 'siretEntreprise', value: '1234' }],
];

for (const [name, overrides, expected] of single) {
  test(`one reason: ${name} -> ${expected.code}`, () => {
    assert.deepEqual(reasonsOf(overrides), [expected]);
  });
}

test('STRUCTURE_MISSING: one reason per missing structure field', () => {
  const structure = [
    'codeSite',
    'nomSite',
    'codePeriode',
    'nomPeriode',
    'codeFormation',
    'nomFormation',
    'codeAnnee',
    'nomAnnee',
    'codeGroupe',
    'nomGroupe',
  ] as const;
  for (const f of structure) {
    assert.deepEqual(reasonsOf({ [f]: '' }), [{ code: 'STRUCTURE_MISSING', field: f, value: '' }], f);
  }
  const all = reasonsOf(Object.fromEntries(structure.map((f) => [f, ''])));
  assert.deepEqual(
    all.map((r) => r.field),
    [...structure],
  );
});

test('ROW_MALFORMED carries the reader message', () => {
  assert.deepEqual(reasonsOf({}, '34 columns, 33 expected'), [
    { code: 'ROW_MALFORMED', field: '', value: '', detail: '34 columns, 33 expected' },
  ]);
});

test('every applicable reason is reported at once', () => {
  const codes = reasonsOf({
    nomEntreprise: '',
    emailApprenant: 'x',
    nomMaitreApprentissage: '',
    prenomMaitreApprentissage: '',
    rncp: 'abc',
  }).map((r) => `${r.code}:${r.field}`);
  assert.deepEqual(codes, [
    'EMPLOYER_MISSING:nomEntreprise',
    'LEARNER_EMAIL_INVALID:emailApprenant',
    'TUTOR_MISSING:nomMaitreApprentissage',
    'TUTOR_MISSING:prenomMaitreApprentissage',
    'RNCP_INVALID:rncp',
  ]);
});

test('dates: same day is coherent, an unreadable date is not also incoherent', () => {
  assert.deepEqual(reasonsOf({ dateDebut: '01/09/2026', dateFin: '01/09/2026' }), []);
  assert.deepEqual(
    reasonsOf({ dateDebut: '01/09/2026', dateFin: '31/02/2026' }).map((r) => r.code),
    ['DATE_INVALID'],
  );
});

test('RNCP and SIRET formats', () => {
  for (const ok of ['RNCP38362', 'rncp12', '38362', 'RNCP12345']) assert.deepEqual(reasonsOf({ rncp: ok }), [], ok);
  for (const bad of ['RNCP123456', 'RNCP 38362', 'R38362', '1']) assert.equal(reasonsOf({ rncp: bad })[0]?.code, 'RNCP_INVALID', bad);
  assert.deepEqual(reasonsOf({ siretEntreprise: '732 829 320 00074' }), []);
  for (const bad of ['7328293200007', '732829320000745', '7328293200007A'])
    assert.equal(reasonsOf({ siretEntreprise: bad })[0]?.code, 'SIRET_INVALID', bad);
});

test('the email check is pragmatic', () => {
  for (const ok of ['a@b.fr', 'jean.dupont+cfa@mail.example.com', "o'neil@x.ie"]) assert.ok(isValidEmail(ok), ok);
  for (const bad of ['', 'a', 'a@b', 'a@@b.fr', 'a@b@c.fr', 'a b@c.fr', '@b.fr', 'a@.fr', 'a@b.']) assert.ok(!isValidEmail(bad), bad);
});
