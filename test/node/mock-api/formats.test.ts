import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contractFields, dateFields } from '../../../contract/index.ts';
import { readCsv } from '../../../server/sources/csv/index.ts';
import { csvHeaders, csvMapping, generateErp, toCsv, toYpareo, ypareoMapping, type ErpContract } from '../../../mock-api/fake-erp/index.ts';
import { parseExcelCsv } from '../support/excel-csv.ts';

const erp = generateErp({ seed: 3, contracts: 400, days: 10, startDate: '2025-10-01' });
const day9 = erp.snapshot(9);

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const parseCsv = parseExcelCsv;

function fromCsvRow(headers: string[], row: string[]): ErpContract {
  const seen = new Map<string, number>();
  const out: Record<string, string> = {};
  headers.forEach((h, i) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    const field = csvMapping[n === 1 ? h : `${h}#${n}`];
    if (row[i] !== '') out[field] = row[i];
  });
  return out as ErpContract;
}

describe('fake ERP: Ypareo items', () => {
  it('nests every field and maps back through ypareoMapping', () => {
    for (const c of day9) {
      const y = toYpareo(c);
      for (const [path, field] of Object.entries(ypareoMapping)) {
        const v = at(y, path);
        assert.equal(v === null || v === undefined ? '' : v, c[field] ?? '', `${c.codeContrat} ${path}`);
      }
    }
    const mapped = new Set(Object.values(ypareoMapping));
    assert.deepEqual(
      contractFields.filter((f) => !mapped.has(f)),
      [],
    );
  });

  it('uses null for absent optional parts, d/m/Y dates, and a termination date once ended', () => {
    const noMarque = day9.find((c) => !c.codeMarque);
    assert.ok(noMarque);
    assert.equal(toYpareo(noMarque).marque, null);
    const ended = day9.find((c) => c.dateResiliation);
    assert.ok(ended, 'a contract with dateResiliation by day 9');
    assert.match(toYpareo(ended).dateResiliation ?? '', /^\d{2}\/\d{2}\/\d{4}$/);
    const running = day9.find((c) => !c.dateResiliation);
    assert.equal(running && toYpareo(running).dateResiliation, null);
  });
});

describe('fake ERP: CSV export', () => {
  it('writes a UTF-8 BOM export with a preamble, French headers, a repeated header, CRLF', () => {
    const bytes = toCsv(day9, { encoding: 'utf-8-bom', date: '2025-10-10' });
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    assert.ok(text.startsWith('Export ERP du 10/10/2025'));
    assert.ok(csvHeaders.includes('Prénom tuteur entreprise'));
    assert.equal(csvHeaders.filter((h) => h === 'Email').length, 2);
    assert.equal(csvMapping['Email#2'], 'emailPersonnel');
    const rows = parseCsv(text);
    assert.deepEqual(rows[1], [...csvHeaders]);
    assert.equal(rows.length, day9.length + 2);
    // Every contract reads back identically through the mapping matrix (quotes, `;`, line breaks).
    // (A CSV cannot tell a blank field from an absent one: blanks are compared as absent.)
    const nonBlank = (c: ErpContract) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== ''));
    rows.slice(2).forEach((row, i) => {
      assert.deepEqual(fromCsvRow(rows[1], row), nonBlank(day9[i]));
    });
    assert.ok(
      day9.some((c) => c.missionDetails?.includes('\n')),
      'a multi-line cell is exercised',
    );
  });

  it('writes Windows-1252 bytes that decode back to the same text', () => {
    const bytes = toCsv(day9, { encoding: 'windows-1252', date: '2025-10-10' });
    assert.ok(bytes.includes(0xe9), 'é is one byte 0xE9');
    // Node's TextDecoder reads windows-1252 as Latin-1 (0x80–0x9F wrong), so the test decodes by hand.
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const text = Array.from(bytes, (b) => (b >= 0x80 && b < 0xa0 ? high[b - 0x80] : String.fromCharCode(b))).join('');
    const utf8 = new TextDecoder('utf-8').decode(toCsv(day9, { encoding: 'utf-8-bom', date: '2025-10-10' }).subarray(3));
    assert.ok(text === utf8, 'same text once decoded');
    assert.ok(text.includes('Œuvray') || text.includes('d’'), 'characters of the 0x80–0x9F range are exercised');
  });

  const readBack = (encoding: 'utf-8-bom' | 'windows-1252') => {
    const iso = (fr: string) => `${fr.slice(6, 10)}-${fr.slice(3, 5)}-${fr.slice(0, 2)}`;
    const snap = readCsv(toCsv(day9, { encoding, date: '2025-10-10' }), { mapping: csvMapping });
    assert.equal(snap.records.length, day9.length, encoding);
    snap.records.forEach((r, i) => {
      assert.equal(r.malformed, undefined, `${encoding} row ${i}`);
      for (const f of contractFields) {
        const sent = day9[i][f] ?? '';
        const expected = sent && dateFields.includes(f) ? iso(sent) : sent;
        assert.equal(r.fields[f] ?? '', expected, `${encoding} row ${i} ${f}`);
      }
    });
  };

  it("is read back by the product's own CSV source with csvMapping (UTF-8 with BOM)", () => readBack('utf-8-bom'));

  // Node 20's own TextDecoder gets 0x80–0x9F wrong (’ œ €): the source decodes Windows-1252 itself.
  it("is read back by the product's own CSV source with csvMapping (Windows-1252)", () => readBack('windows-1252'));
});
