import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { contractFields, type contractRecord } from '../../../contract/index.ts';
import { decodeRecord, encodeRecord } from '../../../server/store/common/record-codec.ts';

const record = Object.fromEntries(contractFields.map((f, i) => [f, i % 3 === 0 ? '' : `${f} « é » "${i}" ’Œ😀`])) as contractRecord;

test('a contract is stored as its values joined, without field names, and reads back whole', () => {
  const text = encodeRecord(record);
  assert.ok(text.startsWith('\u0002'), 'a plain row');
  assert.ok(!text.includes('codeContrat'), 'no field names in the row');
  assert.equal(text, `\u0002${contractFields.map((f) => record[f]).join('\u001f')}`);
  assert.deepEqual(decodeRecord(text), record);
  assert.deepEqual(Object.keys(decodeRecord(text)), [...contractFields]);
});

test('a value holding a control character is stored as a JSON array, and reads back the same', () => {
  for (const odd of ['a\tb', 'line\nbreak', 'x\u001fy', '\u0002start', 'nul\u0000', 'cr\r']) {
    const data = { ...record, nomApprenant: odd };
    const text = encodeRecord(data);
    assert.ok(text.startsWith('['), JSON.stringify(odd));
    assert.deepEqual(decodeRecord(text), data);
  }
});

test('random values, separators and control characters among them, read back as written', () => {
  const printable = ['', ' ', 'a', 'É', '’', '😀', '"', '\\', '[', '{', '0', 'null', '\u00a0'];
  const control = ['\u001f', '\u0002', '\u0001', '\t', '\n'];
  let seed = 5;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed;
  };
  for (let i = 0; i < 2_000; i++) {
    // Half the records printable only (written plain), half with a control character in one value.
    const data = Object.fromEntries(
      contractFields.map((f) => [f, Array.from({ length: 3 }, () => printable[next() % printable.length]).join('')]),
    ) as contractRecord;
    const odd = i % 2 === 1;
    if (odd) data[contractFields[next() % contractFields.length]] += control[next() % control.length];
    const text = encodeRecord(data);
    assert.equal(text.startsWith('\u0002'), !odd);
    assert.deepEqual(decodeRecord(text), data);
  }
});

test('rows written in the earlier forms still read: a JSON array of values, an object', () => {
  assert.deepEqual(decodeRecord(JSON.stringify(contractFields.map((f) => record[f]))), record);
  assert.deepEqual(decodeRecord(JSON.stringify(record)), record);
});

test('a row written before a field was appended reads that field as empty, in either form', () => {
  const last = contractFields[contractFields.length - 1];
  const values = contractFields.slice(0, -1).map((f) => record[f]);
  assert.deepEqual(decodeRecord(JSON.stringify(values)), { ...record, [last]: '' });
  assert.deepEqual(decodeRecord(`\u0002${values.join('\u001f')}`), { ...record, [last]: '' });
});
