import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate, parisDate } from '../../../server/core/dates.ts';

test('parseDate reads ISO, with or without a time part', () => {
  assert.equal(parseDate('2026-03-05', 'dmy'), '2026-03-05');
  assert.equal(parseDate('2026-03-05T00:00:00', 'dmy'), '2026-03-05');
  assert.equal(parseDate('2026-03-05T10:20:30.000Z', 'mdy'), '2026-03-05');
  assert.equal(parseDate(' 2026-3-5 ', 'dmy'), '2026-03-05');
  assert.equal(parseDate('2026-03-05 08:15+01:00', 'dmy'), '2026-03-05');
  assert.equal(parseDate('2026-03-05 plus tard', 'dmy'), null);
});

test('parseDate reads French day-first dates with / - . separators', () => {
  assert.equal(parseDate('05/03/2026', 'dmy'), '2026-03-05');
  assert.equal(parseDate('5/3/2026', 'dmy'), '2026-03-05');
  assert.equal(parseDate('05-03-2026', 'dmy'), '2026-03-05');
  assert.equal(parseDate('05.03.2026', 'dmy'), '2026-03-05');
  assert.equal(parseDate('05/03/2026 00:00:00', 'dmy'), '2026-03-05');
});

test('parseDate reads month-first dates only when told so', () => {
  assert.equal(parseDate('3/5/2026', 'mdy'), '2026-03-05');
  assert.equal(parseDate('12/31/2026', 'mdy'), '2026-12-31');
  assert.equal(parseDate('12/31/2026', 'dmy'), null);
  assert.equal(parseDate('31/12/2026', 'mdy'), null);
});

test('parseDate rejects impossible and malformed dates', () => {
  for (const s of [
    '31/02/2026',
    '29/02/2025',
    '00/01/2026',
    '01/13/2026',
    '2026-02-30',
    '2026-13-01',
    '32/01/2026',
    '',
    '  ',
    'demain',
    '01/02-2026',
    '1/2/26',
    '2026/01/02x',
  ]) {
    assert.equal(parseDate(s, 'dmy'), null, s);
  }
  assert.equal(parseDate('29/02/2024', 'dmy'), '2024-02-29');
  assert.equal(parseDate('29/02/2000', 'dmy'), '2000-02-29');
  assert.equal(parseDate('29/02/1900', 'dmy'), null);
});

test('parisDate gives the Europe/Paris day of an instant (summer and winter time)', () => {
  assert.equal(parisDate('2026-01-14T23:30:00Z'), '2026-01-15'); // UTC+1
  assert.equal(parisDate('2026-01-14T22:59:59Z'), '2026-01-14');
  assert.equal(parisDate('2026-07-14T22:30:00Z'), '2026-07-15'); // UTC+2
  assert.equal(parisDate('2026-07-14T21:59:00Z'), '2026-07-14');
  assert.throws(() => parisDate('not a date'), RangeError);
});

test('an ISO instant with a zone gives the Paris day it falls on; without a zone the date as written', () => {
  assert.equal(parseDate('2025-08-31T22:00:00Z', 'dmy'), '2025-09-01'); // Paris midnight, summer time
  assert.equal(parseDate('2025-12-31T23:30:00.000Z', 'dmy'), '2026-01-01'); // winter time
  assert.equal(parseDate('2025-09-01T00:00:00+02:00', 'dmy'), '2025-09-01');
  assert.equal(parseDate('2025-08-31T22:00:00', 'dmy'), '2025-08-31');
  assert.equal(parseDate('2025-02-30T10:00:00Z', 'dmy'), null);
});
