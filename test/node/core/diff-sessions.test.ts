import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRecords, recordFields, sameRecord } from '../../../server/core/diff.ts';
import { contractFields } from '../../../contract/index.ts';
import { SessionCollector, sessionReason, sessionRefOf } from '../../../server/core/sessions.ts';
import { settings, validRecord } from './fixtures.ts';

test('diffRecords lists changed fields in contract field order', () => {
  const before = validRecord(1);
  const after = { ...before, rncp: 'RNCP1234', nomEntreprise: 'Other', dateFin: '2027-06-30' };
  assert.deepEqual(diffRecords(before, after), [
    { field: 'dateFin', before: '2027-08-31', after: '2027-06-30' },
    { field: 'nomEntreprise', before: 'Entreprise 1', after: 'Other' },
    { field: 'rncp', before: 'RNCP38362', after: 'RNCP1234' },
  ]);
  assert.deepEqual(diffRecords(before, { ...before }), []);
});

test('recordFields gives the non-empty fields from or to nothing', () => {
  const rec = validRecord(1);
  const added = recordFields(rec, 'after');
  assert.ok(added.every((f) => f.before === '' && f.after !== ''));
  assert.equal(added[0].field, 'codeContrat');
  assert.ok(!added.some((f) => f.field === 'codeMarque'));
  const archived = recordFields(rec, 'before');
  assert.deepEqual(archived[0], { field: 'codeContrat', before: 'C00001', after: '' });
});

test('sessionReason: unknown group only in configured mode', () => {
  const rec = validRecord(1);
  assert.equal(sessionReason(rec, settings()), null);
  assert.deepEqual(sessionReason(rec, settings({ sessions: 'configured', configuredGroups: new Set(['G2']) })), {
    code: 'GROUP_UNKNOWN',
    field: 'codeGroupe',
    value: 'G1',
  });
  assert.equal(sessionReason(rec, settings({ sessions: 'configured', configuredGroups: new Set(['G1']) })), null);
  assert.equal(sessionReason({ ...rec, codeGroupe: '' }, settings({ sessions: 'configured' })), null);
});

test('SessionCollector creates each unknown session once, in auto mode only, and shares refs', () => {
  const known = new Set(['LYON|2025|BTSMCO|A1|G0']);
  const auto = new SessionCollector('auto', known);
  const a = auto.attach(validRecord(1));
  const b = auto.attach(validRecord(2));
  auto.attach(validRecord(3, { codeGroupe: 'G0' }));
  assert.equal(a, b);
  assert.deepEqual(a, sessionRefOf(validRecord(1)));
  assert.deepEqual(auto.created, [{ codeSite: 'LYON', codePeriode: '2025', codeFormation: 'BTSMCO', codeAnnee: 'A1', codeGroupe: 'G1' }]);
  const configured = new SessionCollector('configured', new Set());
  assert.deepEqual(configured.attach(validRecord(1)), a);
  assert.deepEqual(configured.created, []);
});

test('sameRecord and diffRecords see a change in any single field', () => {
  const base = validRecord(1);
  assert.ok(sameRecord(base, { ...base }));
  for (const f of contractFields) {
    const other = { ...base, [f]: `${base[f]}x` };
    assert.ok(!sameRecord(base, other), f);
    assert.deepEqual(diffRecords(base, other), [{ field: f, before: base[f], after: `${base[f]}x` }]);
  }
});
