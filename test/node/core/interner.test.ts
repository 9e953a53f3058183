import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createInterner } from '../../../server/core/interner.ts';

test('equal values come back as one value; past its bound the table keeps new values as given', () => {
  const shared = createInterner(2);
  const a = shared('BTS MCO - Management commercial opérationnel');
  assert.equal(a, 'BTS MCO - Management commercial opérationnel');
  assert.equal(shared(`BTS MCO - ${'Management'} commercial opérationnel`), a);
  assert.equal(shared('Lyon'), 'Lyon');
  assert.equal(shared('Grenoble'), 'Grenoble', 'full: returned as given');
  assert.equal(shared('Lyon'), 'Lyon', 'known values still shared');
});
