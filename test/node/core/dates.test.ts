import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ISO_DATE, NUMERIC_DATE, parseDate, parisDate } from '../../../server/core/dates.ts';

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

test('the regex-free reading of ten-character dates answers as the regexes do', () => {
  // What parseDate answered before it had a fast path, for values without a time part.
  const valid = (y: number, m: number, d: number) =>
    y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  const expected = (v: string, order: 'dmy' | 'mdy'): string | null => {
    const s = v.trim();
    const i = ISO_DATE.exec(s);
    const n = i ? null : NUMERIC_DATE.exec(s);
    const [y, m, d] = i ? [+i[1], +i[2], +i[3]] : n ? [+n[4], order === 'dmy' ? +n[3] : +n[1], order === 'dmy' ? +n[1] : +n[3]] : [0, 0, 0];
    if (s === '' || !valid(y, m, d)) return null;
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const alphabet = '0123456789012345678901239/-. Tx';
  let seed = 3;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  const values = [
    '2024-02-29',
    '2025-02-29',
    '0999-01-01',
    '1000-01-01',
    '2026-00-10',
    '2026-1-010',
    '29/02/2024',
    '12.31.2026',
    '31-12-2026',
    '05/03-2026',
    '٠٥/٠٣/٢٠٢٦',
  ];
  for (let k = 0; k < 20000; k++) {
    // Mostly the shapes of the fast path, with a random character here and there.
    const shape = k % 2 === 0 ? 'dddd-dd-dd' : `dd${pick('/-.')}dd${pick('/-.')}dddd`;
    values.push([...shape].map((c) => (rnd() < 0.03 ? pick(alphabet) : c === 'd' ? pick(`${'0123456789'.repeat(3)}0112`) : c)).join(''));
  }
  for (const v of values) {
    for (const order of ['dmy', 'mdy'] as const) assert.equal(parseDate(v, order), expected(v, order), `${v} ${order}`);
  }
});
