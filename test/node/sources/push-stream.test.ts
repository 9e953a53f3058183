import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PushBodyError,
  RECORD_LIMITS,
  collectSnapshot,
  parsePushBody,
  pushRecordStream,
  snapshotFromRecords,
  PUSH_BATCH_BYTES,
  PUSH_BATCH_SIZE,
} from '../../../server/sources/index.ts';
import type { PushReadOptions } from '../../../server/sources/push/body-reader.ts';
import { runImport } from '../../../server/core/run-import.ts';
import { clock, emptyState, settings, validFields } from '../core/fixtures.ts';
import { piecesOf, random, utf8 } from './fixtures.ts';

const MB = 1024 * 1024;

function streamed(body: string | Uint8Array, opts: Partial<PushReadOptions> = {}, max = 7) {
  const bytes = typeof body === 'string' ? utf8(body) : body;
  return collectSnapshot(pushRecordStream(piecesOf(bytes, max)(), { maxBytes: 100 * MB, ...opts }));
}

async function bodyError(run: () => unknown): Promise<PushBodyError> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof PushBodyError, `expected PushBodyError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a PushBodyError');
}

const contract = (i: number) => ({ ...validFields(i) });
const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

describe('pushRecordStream: per-record limits (issue 11)', () => {
  it('a record nested 100,000 levels deep is rejected alone, with a bounded excerpt; the others are read', async () => {
    const body = `[${JSON.stringify(contract(1))},{"codeContrat":"C2","nomApprenant":${nested(100_000)}},${JSON.stringify(contract(3))}]`;
    for (const s of [parsePushBody(body, 100 * MB), await streamed(body, {}, 4096)]) {
      assert.equal(s.records.length, 3);
      const [a, b, c] = s.records;
      assert.equal(a.malformed, undefined);
      assert.equal(c.malformed, undefined);
      assert.deepEqual(c.raw, contract(3));
      assert.equal(b.index, 1);
      assert.deepEqual(b.fields, {});
      assert.equal(b.malformed, 'élément 2 (index 1) : enregistrement refusé sans être lu, profondeur supérieure à 32');
      assert.equal(typeof b.raw, 'string');
      assert.ok((b.raw as string).length <= 200);
      assert.ok((b.raw as string).startsWith('{"codeContrat":"C2","nomApprenant":[[[['));
      // What crashed the push with a stack overflow: keeping every raw record as JSON.
      assert.doesNotThrow(() => JSON.stringify(s.records));
      const outcome = await runImport(emptyState(), s, settings(), clock('2026-01-12'));
      assert.deepEqual([outcome.counts.received, outcome.counts.integrated, outcome.counts.rejected], [3, 2, 1]);
      assert.ok(outcome.rejections[0].reasons.some((r) => r.code === 'ROW_MALFORMED'));
    }
  });

  it('an extra key nested deep, too many keys, a string too long, a record too big: each rejected alone', async () => {
    let deep = '1';
    for (let i = 0; i < 40; i++) deep = `{"k":${deep}}`;
    const manyKeys = `{${Array.from({ length: RECORD_LIMITS.maxKeys + 1 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const long = 'é'.repeat(RECORD_LIMITS.maxStringLength + 1);
    const big = `{"codeContrat":"C5",${Array.from({ length: 40 }, (_, i) => `"f${i}":"${'x'.repeat(30_000)}"`).join(',')}}`;
    const elements = [
      `{"codeContrat":"C1","extra":${deep}}`,
      manyKeys,
      `{"codeContrat":"C3","missionDetails":"${long}"}`,
      `"${long}"`,
      big,
      JSON.stringify(contract(6)),
    ];
    const body = `[${elements.join(',')}]`;
    for (const s of [parsePushBody(body, 100 * MB), await streamed(body, {}, 64 * 1024)]) {
      assert.deepEqual(
        s.records.map((r) => r.malformed?.replace(/^élément \d+ \(index \d+\) : enregistrement refusé sans être lu, /, '')),
        [
          'profondeur supérieure à 32',
          'plus de 1 000 clés dans un objet',
          'chaîne de plus de 65 536 caractères (65 537)',
          'chaîne de plus de 65 536 caractères (65 537)',
          'taille supérieure à 1 048 576 caractères',
          undefined,
        ],
      );
      for (const r of s.records.slice(0, 5)) assert.ok(typeof r.raw === 'string' && r.raw.length <= 200, String(r.raw).slice(0, 50));
      assert.ok((s.records[0].raw as string).startsWith('{"codeContrat":"C1","extra":{"k":{"k":'));
      assert.ok((s.records[3].raw as string).startsWith('"éé'));
      assert.deepEqual(s.records[5].raw, contract(6));
      assert.equal(s.meta.malformed, 5);
    }
  });

  it('the same limits for records already parsed (a JSON file through snapshotFromRecords), without recursion', () => {
    const deep = JSON.parse(`{"codeContrat":"C1","x":${nested(100_000)}}`);
    const s = snapshotFromRecords([deep, contract(2)], 'push');
    assert.match(s.records[0].malformed ?? '', /profondeur supérieure à 32$/);
    assert.ok(typeof s.records[0].raw === 'string' && s.records[0].raw.length <= 200);
    assert.ok((s.records[0].raw as string).startsWith('{"codeContrat":"C1","x":[[[['));
    assert.equal(s.records[1].malformed, undefined);
  });

  it('a 300 kB body of 100,000 empty objects is read: 100,000 records {}, in batches of PUSH_BATCH_SIZE', async () => {
    const body = `[${Array.from({ length: 100_000 }, () => '{}').join(',')}]`;
    assert.ok(body.length < 310_000);
    const stream = pushRecordStream(piecesOf(utf8(body), 64 * 1024)(), { maxBytes: MB });
    let count = 0;
    let largest = 0;
    for await (const batch of stream.batches()) {
      largest = Math.max(largest, batch.length);
      for (const r of batch) {
        assert.equal(r.index, count++);
        assert.deepEqual(r.raw, {});
        assert.deepEqual(r.fields, {});
      }
    }
    assert.equal(count, 100_000);
    assert.equal(largest, PUSH_BATCH_SIZE);
    assert.equal(stream.meta.received, 100_000);
    assert.equal(stream.meta.bytes, body.length);
  });
});

describe('pushRecordStream: batches', () => {
  it('hand over fewer than PUSH_BATCH_SIZE records once PUSH_BATCH_BYTES of body are read: large records never make a batch of a gigabyte', async () => {
    // 300 records of 15 values of 60,000 characters: each within every bound, 270 MB in all.
    const value = 'x'.repeat(60_000);
    const record = (i: number) =>
      JSON.stringify({ codeContrat: `H${i}`, ...Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`extra${k}`, value])) });
    const body = `[${Array.from({ length: 300 }, (_, i) => record(i)).join(',')}]`;
    const stream = pushRecordStream(piecesOf(utf8(body), 64 * 1024)(), { maxBytes: 400 * MB });
    let count = 0;
    const sizes: number[] = [];
    for await (const batch of stream.batches()) {
      let chars = 0;
      for (const r of batch) {
        assert.equal(r.index, count++);
        assert.equal(r.fields.codeContrat, `H${r.index}`);
        assert.equal(r.malformed, undefined);
        chars += JSON.stringify(r.raw).length;
      }
      sizes.push(chars);
    }
    assert.equal(count, 300);
    // Each batch: what PUSH_BATCH_BYTES let pend, plus the piece that crossed it.
    assert.ok(sizes.length >= 16, `${sizes.length} batches`);
    for (const chars of sizes) assert.ok(chars <= PUSH_BATCH_BYTES + 64 * 1024 + record(0).length, `a batch of ${chars} characters`);
  });
});

describe('pushRecordStream: the body', () => {
  it('reads exactly what JSON.parse reads, whatever the piece boundaries (strings, escapes, numbers, UTF-8)', async () => {
    const rnd = random(5);
    const values = [
      '"é"',
      '"\\u00e9\\ud83d\\ude00"',
      '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
      '-12.5e-3',
      '0',
      '1e400',
      'true',
      'null',
      '"😀 d’Arc"',
      '[]',
      '{}',
      '[1,[2,{"a":null}]]',
    ];
    for (let t = 0; t < 60; t++) {
      const items = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => {
        const keys = Array.from({ length: Math.floor(rnd() * 5) }, (_, k) => `"k${k}" : ${values[Math.floor(rnd() * values.length)]}`);
        return rnd() < 0.8
          ? `{ "codeContrat": "C${i}", ${keys.join(' ,\n ')} ${keys.length ? '' : '"x":1'} }`
          : values[Math.floor(rnd() * values.length)];
      });
      const body = `\uFEFF [\r\n${items.join(',\n')}\n] \n`;
      const expected = snapshotFromRecords(JSON.parse(body.slice(1)), 'push');
      for (const max of [1, 2, 5, 64]) {
        const s = await streamed(body, {}, max);
        assert.deepEqual(s.records, expected.records, `${body} in pieces of up to ${max} bytes`);
      }
    }
  });

  it('NDJSON: one value per non-blank line; auto: "[" first means a JSON array', async () => {
    const lines = `${JSON.stringify(contract(1))}\r\n\n   \n"texte"\n${JSON.stringify(contract(3))}`;
    for (const format of ['ndjson', 'auto'] as const) {
      const s = await streamed(lines, { format }, 3);
      assert.equal(s.meta.format, 'ndjson');
      assert.deepEqual(
        s.records.map((r) => [r.index, r.fields.codeContrat, r.malformed]),
        [
          [0, contract(1).codeContrat, undefined],
          [1, undefined, 'élément 2 (index 1) : un objet JSON est attendu, reçu une chaîne'],
          [2, contract(3).codeContrat, undefined],
        ],
      );
    }
    const array = await streamed(`  [${JSON.stringify(contract(1))}]`, { format: 'auto' });
    assert.equal(array.meta.format, 'json');
    assert.equal(array.records.length, 1);
    // Two values on one line, or one value over two lines: the body is not NDJSON.
    const two = await bodyError(() => streamed('{"a":1} {"b":2}\n', { format: 'ndjson' }));
    assert.match(two.message, /^JSON invalide à la ligne 1, colonne 9 \(position 8\) : une seule valeur JSON par ligne/);
    const split = await bodyError(() => streamed('{"a":\n1}\n', { format: 'ndjson' }));
    assert.match(split.message, /^JSON invalide à la ligne 1, colonne 6 .*valeur JSON incomplète en fin de ligne/);
  });

  it('a body cut short is a 400 naming where it ends, even after batches were handed over', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => JSON.stringify(contract(i)));
    const body = `[${items.join(',\n')}`;
    const stream = pushRecordStream(piecesOf(utf8(body), 64 * 1024)(), { maxBytes: 100 * MB });
    let handed = 0;
    const err = await bodyError(async () => {
      for await (const batch of stream.batches()) handed += batch.length;
    });
    assert.equal(err.status, 400);
    assert.equal(err.code, 'INVALID_JSON');
    assert.equal(handed, 2000);
    assert.match(
      err.message,
      new RegExp(`^JSON invalide à la ligne 2500, colonne \\d+ \\(position ${body.length}\\) : fin du corps avant la fin du tableau JSON`),
    );
    const cutInString = await bodyError(() => streamed('[{"codeContrat": "C1'));
    assert.match(cutInString.message, /position 20\) : fin du corps au milieu d’une valeur/);
  });

  it('413 past maxBytes counted on the bytes received; 400 for a body that is not UTF-8, empty, or not an array', async () => {
    const big = `[${Array.from({ length: 300 }, (_, i) => JSON.stringify(contract(i))).join(',')}]`;
    const tooBig = await bodyError(() => streamed(big, { maxBytes: 10_000 }, 1000));
    assert.deepEqual([tooBig.status, tooBig.code], [413, 'PAYLOAD_TOO_LARGE']);
    assert.match(tooBig.message, /10000 octets/);

    const latin1 = new Uint8Array([...utf8('[{"nomApprenant":"L'), 0xe9, ...utf8('a"}]')]);
    const encoding = await bodyError(() => streamed(latin1));
    // The message the HTTP layer gave for a body it decoded whole.
    assert.deepEqual([encoding.status, encoding.message], [400, 'Le corps n’est pas en UTF-8 : envoyez le JSON encodé en UTF-8.']);

    for (const body of ['', '  \r\n ']) assert.equal((await bodyError(() => streamed(body))).code, 'EMPTY_BODY');
    for (const [body, received] of [
      ['{"contrats": []}', 'un objet'],
      ['"x"', 'une chaîne'],
      ['12', '12'],
    ]) {
      const e = await bodyError(() => streamed(body));
      assert.equal(
        e.message,
        `Un tableau JSON de tous les contrats actifs est attendu (expected a JSON array of contracts), reçu ${received}.`,
      );
    }
    // An object that is not even valid JSON is reported as invalid JSON, as JSON.parse did.
    assert.match((await bodyError(() => streamed('{"contrats": ['))).message, /^JSON invalide/);
  });

  it('errors name line, column and position in characters, after multi-byte characters and across pieces', async () => {
    const body = '[\n  {"nomApprenant": "Hélène 😀"},\n  {"nomApprenant": "x" "y"}\n]';
    const expected = 'JSON invalide à la ligne 3, colonne 24 (position 58)';
    // JSON.parse's own count of that position, for the record.
    assert.throws(() => JSON.parse(body), /position 58/);
    for (const max of [1, 3, 1000]) {
      const e = await bodyError(() => streamed(body, {}, max));
      assert.ok(e.message.startsWith(expected), e.message);
    }
    assert.match(
      (await bodyError(() => streamed('[1, x]'))).message,
      /^JSON invalide à la ligne 1, colonne 5 \(position 4\) : Unexpected token 'x'/,
    );
    // Inside a record rejected for a bound (checked, not parsed): the record's start is named.
    const deep = await bodyError(() => streamed(`[1,\n ${nested(40, 'tru')}]`));
    assert.match(deep.message, /^JSON invalide à la ligne 2, colonne 2 \(position 5\) : dans l’élément 2 \(index 1\) commençant ici : /);
  });

  it('keeps a "__proto__" key as an own property, as JSON.parse does', async () => {
    const s = await streamed('[{"codeContrat":"C1","__proto__":{"polluted":true}}]');
    const raw = s.records[0].raw as Record<string, unknown>;
    assert.deepEqual(Object.keys(raw), ['codeContrat', '__proto__']);
    assert.equal(Object.getPrototypeOf(raw), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
