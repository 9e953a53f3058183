/**
 * Received records stored as blocks read back exactly as received: raw values, mapped fields
 * (written as positions in the raw values when each field is one), malformed notes, lines.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ReceivedRecord } from '../../../server/core/types.ts';
import { blockOf, decodeBlock, encodeBlock } from '../../../server/store/sqlite/received.ts';

/** A block's deflated body, as the reading thread stores a block not known yet. */
function deflated(block: readonly ReceivedRecord[]): Uint8Array {
  const { body } = encodeBlock(block);
  assert.ok(body, 'a block with no known hash is deflated');
  return body;
}

let seed = 11;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

test('CSV rows, pushed objects, odd values and changing columns read back as received', () => {
  const records: ReceivedRecord[] = [];
  const headers = ['N° contrat', 'Nom', 'Prénom', 'Email', 'Entreprise', 'Vide'];
  for (let i = 0; i < 3000; i++) {
    const kind = rnd(6);
    if (kind < 3) {
      // A CSV row: empty cells everywhere make ties a reader must not confuse.
      const cells = headers.map((h, k) => (rnd(3) === 0 ? '' : `${h}-${i}-${k}`));
      const raw = Object.fromEntries(headers.map((h, k) => [h, cells[k]]));
      const fields: ReceivedRecord['fields'] = { codeContrat: cells[0], nomApprenant: cells[1], prenomApprenant: cells[2] };
      if (rnd(2)) fields.emailApprenant = cells[3];
      if (rnd(4) === 0) fields.nomEntreprise = cells[1]; // two fields from one column
      records.push({ index: i, raw, fields, line: i + 2, ...(rnd(20) === 0 ? { malformed: '6 colonnes au lieu de 5' } : {}) });
    } else if (kind < 5) {
      // A pushed object: numbers become strings in the fields, nested values stay in raw only.
      const raw = { codeContrat: `C${i}`, monthStartGroup: 9, extra: { deep: [1, 2] }, nomApprenant: rnd(2) ? 'Dupont' : '' };
      records.push({ index: i, raw, fields: { codeContrat: `C${i}`, monthStartGroup: '9', nomApprenant: raw.nomApprenant } });
    } else {
      records.push({ index: i, raw: rnd(2) ? 'not an object' : [1, 'x'], fields: {}, malformed: 'un objet JSON est attendu' });
    }
  }
  for (let at = 0; at < records.length; at += 1000) {
    const block = records.slice(at, at + 1000);
    assert.deepEqual(decodeBlock(deflated(block)), block);
  }
});

test('a record with other columns after a longer one reads no field it does not have', () => {
  const block: ReceivedRecord[] = [
    { index: 0, raw: { a: '1', b: '2', c: 'Dupont' }, fields: { codeContrat: '1', nomApprenant: 'Dupont' } },
    { index: 1, raw: { a: '3' }, fields: { codeContrat: '3' } },
  ];
  assert.deepEqual(decodeBlock(deflated(block)), block);
});

test('a block encoded in the reading thread has the hash of the same block encoded by the store: stored once whichever encoded it', () => {
  const block: ReceivedRecord[] = [
    { index: 0, raw: { Nom: 'Hélène Œuvré 😀', Code: '2025-1' }, fields: { codeContrat: '2025-1', nomApprenant: 'Hélène Œuvré 😀' } },
    { index: 1, raw: 'pas un objet', fields: {}, malformed: 'un objet JSON est attendu' },
  ];
  assert.equal(encodeBlock(block).hash, blockOf(block).hash);
  assert.notEqual(encodeBlock(block).hash, blockOf(block.slice(0, 1)).hash);
});

test('a block whose hash is known is not deflated again: same hash and text, no body', () => {
  const block: ReceivedRecord[] = [{ index: 0, raw: { Code: '2025-1' }, fields: { codeContrat: '2025-1' } }];
  const fresh = encodeBlock(block);
  const again = encodeBlock(block, new Set(['another hash', fresh.hash]));
  assert.equal(again.body, null);
  assert.equal(again.hash, fresh.hash);
  assert.equal(again.text, fresh.text);
  assert.ok(encodeBlock(block, new Set(['another hash'])).body, 'an unknown block is deflated');
});

test('characters beyond Latin-1 are kept as JSON escapes: a block text has none, and reads back the same', () => {
  const headers = ['N° contrat', 'Nom d’usage', 'Mission'];
  const block: ReceivedRecord[] = [
    {
      index: 0,
      raw: { [headers[0]]: '2025-1', [headers[1]]: 'ŒUVRÉ', [headers[2]]: 'Accueil d’un client — “qualité” 😀 €' },
      fields: { codeContrat: '2025-1', nomApprenant: 'ŒUVRÉ', missionDetails: 'Accueil d’un client — “qualité” 😀 €' },
      line: 2,
    },
    {
      index: 1,
      raw: { [headers[0]]: '2025-2', [headers[1]]: 'Hélène', [headers[2]]: '' },
      fields: { codeContrat: '2025-2', nomApprenant: 'Hélène' },
      line: 3,
    },
    {
      index: 2,
      raw: { codeContrat: '2025-3', note: 'lone \ud83d surrogate' },
      fields: { codeContrat: '2025-3', nomEntreprise: 'Œ\u2028' },
    },
  ];
  const { text } = encodeBlock(block);
  assert.ok(text);
  assert.equal(/[\u0100-\uffff]/.test(text), false, text);
  assert.deepEqual(decodeBlock(deflated(block)), block);
});
