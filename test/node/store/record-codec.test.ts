import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { contractFields, type contractRecord } from '../../../contract/index.ts';
import { decodeRecord, encodeRecord } from '../../../server/store/common/record-codec.ts';

const record = Object.fromEntries(contractFields.map((f, i) => [f, i % 3 === 0 ? '' : `${f} « é » "${i}"`])) as contractRecord;

test('a contract stored as an array of values reads back whole, and a row written as an object still reads', () => {
  const text = encodeRecord(record);
  assert.ok(text.startsWith('['));
  assert.ok(!text.includes('codeContrat'), 'no field names in the row');
  assert.deepEqual(decodeRecord(text), record);
  assert.deepEqual(Object.keys(decodeRecord(text)), [...contractFields]);
  assert.deepEqual(decodeRecord(JSON.stringify(record)), record);
});

test('a row written before a field was appended reads that field as empty', () => {
  const older = JSON.stringify(contractFields.slice(0, -1).map((f) => record[f]));
  assert.deepEqual(decodeRecord(older), { ...record, [contractFields[contractFields.length - 1]]: '' });
});
