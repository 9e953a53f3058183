import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractFields } from '../../../contract/index.ts';
import { normalise } from '../../../server/core/normalise.ts';
import type { ReceivedRecord } from '../../../server/core/types.ts';
import { received, validFields } from './fixtures.ts';

test('normalise fills every field, trims, lowercases emails, converts dates, strips SIRET spaces', () => {
  const { record, badDates } = normalise(
    received(
      validFields(1, { nomEntreprise: '  ACME  ', emailApprenant: ' Jean.DUPONT@Example.FR ', siretEntreprise: '732 829 320 00074' }),
    ),
    'dmy',
  );
  assert.deepEqual(Object.keys(record), [...contractFields]);
  assert.equal(record.nomEntreprise, 'ACME');
  assert.equal(record.emailApprenant, 'jean.dupont@example.fr');
  assert.equal(record.siretEntreprise, '73282932000074');
  assert.equal(record.dateDebut, '2025-09-01');
  assert.equal(record.dateFin, '2027-08-31');
  assert.equal(record.dateResiliation, '');
  assert.deepEqual(badDates, []);
});

test('normalise tolerates numbers, null and missing values from JSON bodies', () => {
  const rec: ReceivedRecord = {
    index: 0,
    raw: {},
    fields: { codeContrat: 123 as unknown as string, nomEntreprise: null as unknown as string },
  };
  const { record } = normalise(rec, 'dmy');
  assert.equal(record.codeContrat, '123');
  assert.equal(record.nomEntreprise, '');
  assert.equal(record.nomGroupe, '');
});

test('normalise keeps an unreadable date verbatim and reports it', () => {
  const { record, badDates } = normalise(received(validFields(1, { dateDebut: '31/02/2026', dateFin: ' ' })), 'dmy');
  assert.equal(record.dateDebut, '31/02/2026');
  assert.equal(record.dateFin, '');
  assert.deepEqual(badDates, ['dateDebut']);
});

test('normalise reads month-first dates when the source says so', () => {
  const { record, badDates } = normalise(received(validFields(1, { dateDebut: '9/1/2025', dateFin: '8/31/2027' })), 'mdy');
  assert.equal(record.dateDebut, '2025-09-01');
  assert.equal(record.dateFin, '2027-08-31');
  assert.deepEqual(badDates, []);
});

test('a text field is trimmed exactly as trim() does, whatever character it starts or ends with', () => {
  // normalise skips trim() when both ends are characters trim() keeps: every character at an end tells.
  const edges: string[] = [];
  for (let c = 0; c <= 0x3000; c++) edges.push(String.fromCharCode(c));
  edges.push('\uFEFF', '\u2028', '\u2029', '\u205F', '\uD83D\uDE00');
  for (const c of edges) {
    for (const value of [`${c}ACME${c}`, `${c}ACME`, `ACME${c}`, c]) {
      const { record } = normalise(received(validFields(1, { nomEntreprise: value, codeSite: ` ${value}` })), 'dmy');
      assert.equal(record.nomEntreprise, value.trim(), JSON.stringify(value));
      assert.equal(record.codeSite, ` ${value}`.trim(), JSON.stringify(value));
    }
  }
});
