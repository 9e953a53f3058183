/**
 * The e-mails' words: French typography as everywhere in the product (the house check of
 * test/node/i18n/french-typography.test.ts), for every kind of notice and the digest; the
 * English ones use plain punctuation. The run's own error text is the source's, not ours.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { runSummary } from '../../../contract/index.ts';
import { digestEmail, runEmail } from '../../../server/notify/compose.ts';
import type { RunNotice } from '../../../server/notify/notable.ts';
import { typographyErrors } from '../support/french-typography.ts';

const run: runSummary = {
  id: 'r1',
  source: 'csv',
  status: 'held',
  startedAt: '2026-03-12T01:00:00.000Z',
  finishedAt: '2026-03-12T01:02:00.000Z',
  date: '2026-03-12',
  counts: { received: 1200, integrated: 1150, rejected: 50, added: 10, updated: 5, archived: 2, fixed: 1, newlyRejected: 3 },
  error: null,
  failure: null,
  held: {
    reasons: ['removal', 'update', 'truncated'],
    wouldArchive: 400,
    integrated: 1150,
    maxRatio: 0.2,
    fieldUpdates: [{ field: 'emailApprenant', count: 900 }],
    maxUpdateRatio: 0.3,
    received: 750,
    previousReceived: 1200,
  },
  truncated: true,
  progress: null,
  events: [],
};

const notices: RunNotice[] = [
  { kind: 'held', org: { id: 'cfa', name: 'CFA Lyon' }, run, topReasons: [], pageUrl: 'https://lms.example.fr/synchro' },
  {
    kind: 'rejected',
    org: { id: 'cfa', name: 'CFA Lyon' },
    run: { ...run, status: 'succeeded', held: null },
    topReasons: [{ code: 'EMPLOYER_MISSING', count: 12 }],
    pageUrl: null,
  },
  {
    kind: 'failed',
    org: { id: 'cfa', name: 'CFA Lyon' },
    run: { ...run, status: 'failed', held: null, error: 'ERP injoignable', failure: 'source' },
    topReasons: [],
    pageUrl: null,
  },
];

/** Every line an administrator reads, but the link (a URL has its own colon). */
const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('https://'));

test('French e-mails follow the house typography', () => {
  const mails = [...notices.map((n) => runEmail(n, 'fr')), digestEmail(notices, 'fr')];
  const errors = mails.flatMap((m) => [m.subject, ...lines(m.text)].flatMap((l) => typographyErrors(l).map((e) => `${e}: ${l}`)));
  assert.deepEqual(errors, []);
});

test('English e-mails say the same things in English', () => {
  const held = runEmail(notices[0], 'en').text;
  assert.match(held, /It would archive 400 of the 1,150 integrated contracts \(threshold: 20%\)\./);
  assert.match(held, /It would change one field on more than 30% of the integrated contracts: Learner email \(900\)\./);
  assert.match(held, /The file looks cut short: 750 contracts received against 1,200 last time\./);
  assert.match(runEmail(notices[2], 'en').text, /An import failed: the platform’s data is unchanged\.\n\nError: ERP injoignable\n/);
});
