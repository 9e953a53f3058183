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

test('a code kept for a whole run owns its characters: the megabytes of text it was cut from can be freed', async () => {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const interner = fileURLToPath(new URL('../../../server/core/interner.ts', import.meta.url));
  // In a fresh process with an exposed gc: a 40 MB piece of text, one 13-character code cut from
  // it kept in a table, the piece dropped; the heap left shows whether the piece stayed alive.
  const heapAfter = (copy: boolean): number => {
    const script = `
      import { ownCopy } from ${JSON.stringify(interner)};
      const table = new Set();
      const read = () => {
        const piece = ('x'.repeat(40_000_000) + Math.random()).slice(0);
        const code = piece.slice(1_000, 1_013);
        table.add(${copy ? 'ownCopy(code)' : 'code'});
      };
      read();
      globalThis.gc(); globalThis.gc();
      process.stdout.write(String(process.memoryUsage().heapUsed + table.size * 0));
    `;
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout);
  };
  const MB = 1_000_000;
  assert.ok(heapAfter(false) > 40 * MB, 'without a copy the whole piece stays alive (the check can tell)');
  assert.ok(heapAfter(true) < 20 * MB, 'with ownCopy only the code stays');
});
