import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PushBodyError, jsonErrorOffset, parsePushBody, snapshotFromRecords } from '../../../server/sources/index.ts';

function bodyError(fn: () => unknown): PushBodyError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PushBodyError, `expected PushBodyError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a PushBodyError');
}

describe('parsePushBody', () => {
  it('maps known fields of each object, numbers to strings, null to empty; raw verbatim', () => {
    const items = [
      { codeContrat: 'C1', nomApprenant: 'Martin', codeGroupe: 42, nomMarque: null, inconnu: 'x', nomEntreprise: { bad: 1 } },
      { ccodeContrat: 'C2' },
    ];
    const s = parsePushBody(JSON.stringify(items), 1024);
    assert.equal(s.source, 'push');
    assert.deepEqual(s.records[0].fields, { codeContrat: 'C1', nomApprenant: 'Martin', codeGroupe: '42', nomMarque: '' });
    assert.deepEqual(s.records[0].raw, items[0]);
    assert.equal(s.records[0].malformed, undefined);
    // The public doc's misspelling is accepted.
    assert.equal(s.records[1].fields.codeContrat, 'C2');
    assert.equal(s.meta.received, 2);
  });

  it('keeps non-object elements as malformed records without failing the batch', () => {
    const s = parsePushBody('[{"codeContrat":"C1"}, "texte", null, [1], 7, {"codeContrat":"C2"}]', 1024);
    assert.equal(s.records.length, 6);
    assert.deepEqual(
      s.records.map((r) => r.malformed === undefined),
      [true, false, false, false, false, true],
    );
    assert.equal(s.records[1].malformed, 'élément 2 (index 1) : un objet JSON est attendu, reçu une chaîne');
    assert.match(s.records[2].malformed ?? '', /reçu null/);
    assert.match(s.records[3].malformed ?? '', /reçu un tableau/);
    assert.deepEqual(
      s.records.map((r) => r.index),
      [0, 1, 2, 3, 4, 5],
    );
    assert.equal(s.meta.malformed, 4);
    assert.deepEqual(parsePushBody('[]', 1024).records, []);
  });

  it('413 over the byte limit, counting UTF-8 bytes', () => {
    assert.equal(bodyError(() => parsePushBody(`[${'1,'.repeat(600)}1]`, 1024)).status, 413);
    // 400 "é" = 800 bytes in UTF-8 but 400 UTF-16 units: under 1024 bytes...
    assert.equal(parsePushBody(JSON.stringify([{ nomApprenant: 'é'.repeat(400) }]), 1024).records.length, 1);
    // ...600 of them are 1200 bytes: over.
    const e = bodyError(() => parsePushBody(JSON.stringify([{ nomApprenant: 'é'.repeat(600) }]), 1024));
    assert.equal(e.status, 413);
    assert.match(e.message, /1024 octets/);
  });

  it('400 with line, column and position on malformed JSON', () => {
    const e = bodyError(() => parsePushBody('[\n  {"codeContrat": "C1"},\n  {"codeContrat": }\n]', 1024));
    assert.equal(e.status, 400);
    assert.match(e.message, /^JSON invalide à la ligne 3, colonne 19 \(position 45\)/);
    const end = bodyError(() => parsePushBody('[{"a":1}', 1024));
    assert.match(end.message, /position 8/);
    assert.equal(bodyError(() => parsePushBody('', 1024)).status, 400);
  });

  it('400 when the body is not an array', () => {
    for (const body of ['{"contrats": []}', '"x"', 'null', '12']) {
      const e = bodyError(() => parsePushBody(body, 1024));
      assert.equal(e.status, 400);
      assert.match(e.message, /expected a JSON array of contracts/);
    }
  });

  it('jsonErrorOffset finds the first error', () => {
    assert.equal(jsonErrorOffset('{"a":}'), 5);
    assert.equal(jsonErrorOffset('[1,2'), 4);
    assert.equal(jsonErrorOffset('[1 2]'), 3);
    assert.equal(jsonErrorOffset('["a\\x"]'), 4);
    assert.equal(jsonErrorOffset('[tru]'), 1);
  });

  it('snapshotFromRecords builds a snapshot from parsed items', () => {
    const s = snapshotFromRecords([{ codeContrat: 'C1' }, 3], 'csv', { file: 'x.json' });
    assert.equal(s.source, 'csv');
    assert.equal(s.meta.file, 'x.json');
    assert.equal(s.records[1].malformed, 'élément 2 (index 1) : un objet JSON est attendu, reçu un nombre');
  });
});
