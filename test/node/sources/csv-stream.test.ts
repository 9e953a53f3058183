import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectSnapshot,
  csvRecordStream,
  readCsv,
  MAX_CELL_CHARS,
  MAX_ROW_CHARS,
  CSV_BATCH_CHARS,
  CSV_BATCH_SIZE,
} from '../../../server/sources/index.ts';
import { Utf8Evidence } from '../../../server/sources/csv/encoding.ts';
import { encodeWindows1252 } from '../../../server/sources/csv/windows-1252.ts';
import type { CsvReadOptions } from '../../../server/sources/csv/read-options.ts';
import type { contractField } from '../../../contract/fields.ts';
import { runImport } from '../../../server/core/run-import.ts';
import { clock, emptyState, settings } from '../core/fixtures.ts';
import { mapping, piecesOf, random, utf8 } from './fixtures.ts';

const header = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin';

async function streamed(bytes: Uint8Array, opts: CsvReadOptions, max: number, seed = 1) {
  const stream = csvRecordStream(piecesOf(bytes, max, seed), opts);
  const snapshot = await collectSnapshot(stream);
  return { snapshot, truncated: stream.truncated };
}

describe('csvRecordStream', () => {
  it('reads exactly what readCsv reads, whatever the piece boundaries (multi-byte characters, CRLF, quotes split)', async () => {
    const rnd = random(42);
    const cells = [
      'Hélène',
      'Zoë',
      '€uro',
      '"Martin; dit ""le grand"""',
      '"ligne 1\r\nligne 2"',
      '01/09/2025',
      '13/02/2026',
      '',
      '"x"',
      'a"b',
      '😀',
    ];
    for (let file = 0; file < 40; file++) {
      const lines = [file % 3 === 0 ? 'Export du 27/11/2026' : header];
      if (file % 3 === 0) lines.push(header);
      const rows = 1 + Math.floor(rnd() * 15);
      for (let r = 0; r < rows; r++) {
        const width = rnd() < 0.85 ? 5 : 3 + Math.floor(rnd() * 4);
        lines.push(Array.from({ length: width }, (_, c) => (c === 0 ? `C${r}` : cells[Math.floor(rnd() * cells.length)])).join(';'));
      }
      const text = lines.join(rnd() < 0.5 ? '\r\n' : '\n') + (rnd() < 0.8 ? '\r\n' : '');
      const bytes = utf8(text);
      const whole = readCsv(bytes, { mapping });
      for (const max of [1, 2, 3, 7, 64]) {
        const { snapshot } = await streamed(bytes, { mapping }, max, file * 10 + max);
        assert.deepEqual(snapshot, whole, `file ${file}, pieces up to ${max} bytes: ${JSON.stringify(text)}`);
      }
    }
  });

  it('decides the encoding over every piece: Windows-1252, UTF-16 with BOM, a BOM split in three', async () => {
    const text = `${header}\r\nC1;Lefèvre;Hélène;01/09/2025;31/08/2027\r\nC2;d’Arc;Cœur;02/09/2025;1/7/2027\r\n`;
    const cp = encodeWindows1252(text);
    const { snapshot: s1 } = await streamed(cp, { mapping }, 1);
    assert.equal(s1.meta.encoding, 'windows-1252');
    assert.deepEqual(s1, readCsv(cp, { mapping }));
    assert.equal(s1.records[1].fields.nomApprenant, 'd’Arc');
    assert.equal(s1.records[1].fields.prenomMaitreApprentissage, 'Cœur');

    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const { snapshot: s2 } = await streamed(utf16, { mapping }, 3);
    assert.equal(s2.meta.encoding, 'utf-16le');
    assert.equal(s2.records[1].fields.nomApprenant, 'd’Arc');

    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    const { snapshot: s3 } = await streamed(bom, { mapping }, 1);
    assert.equal(s3.meta.bom, 'oui');
    assert.equal(s3.records[0].fields.prenomMaitreApprentissage, 'Hélène');
  });

  it('Windows-1252 rows holding 0x80–0x9F (’ € œ) read as the same text in UTF-8 does: plain, quoted, multi-line, header cells', async () => {
    // The 1252 text is decoded Latin-1 and only the rows holding 0x80–0x9F are fixed (nextC1):
    // the UTF-8 reading of the same text, which never takes that path, says what each cell must be.
    const rnd = random(7);
    const cells = [
      'd’Arc',
      'Cœur',
      '12 €',
      '"“Œuvre”; dit ‘x’"',
      '"ligne 1’\r\n‘ligne 2"',
      '"a""’"',
      'Lefèvre',
      '',
      '01/09/2025',
      ' ’ ',
      'Ÿ\u0081\u009d',
    ];
    const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
    for (let file = 0; file < 30; file++) {
      const lines = [file % 2 === 0 ? `${header};Note’s` : 'Export d’avril', ...(file % 2 === 0 ? [] : [`${header};Note’s`])];
      for (let r = 0; r < 1 + Math.floor(rnd() * 12); r++) {
        lines.push(Array.from({ length: 6 }, (_, c) => (c === 0 ? `C${r}` : cells[Math.floor(rnd() * cells.length)])).join(';'));
      }
      const text = `${lines.join(rnd() < 0.5 ? '\r\n' : '\n')}\r\n`;
      const opts: CsvReadOptions = { mapping: { ...mapping, 'Note’s': 'missionDetails' } };
      const cp = encodeWindows1252(text);
      const expected = readCsv(utf8(text), opts).records;
      const whole = readCsv(cp, opts);
      assert.equal(whole.meta.encoding, 'windows-1252');
      assert.deepEqual(whole.records, expected, JSON.stringify(text));
      for (const max of [1, 5, 64]) {
        const stream = csvRecordStream(piecesOf(cp, max, file * 10 + max), opts, {}, { singleByte: latin1 });
        assert.deepEqual((await collectSnapshot(stream)).records, expected, `pieces up to ${max} bytes: ${JSON.stringify(text)}`);
      }
    }
  });

  it('a file that is UTF-8 until its last piece is then read again as what it is', async () => {
    // 200 kB of ASCII rows, then one Windows-1252 accent: the first read cannot know before its end.
    const rows = Array.from({ length: 4000 }, (_, i) => `C${i};Martin;Anne;01/09/2025;31/08/2027`);
    const text = `${header}\r\n${rows.join('\r\n')}\r\nC9999;Lefèvre;Hélène;01/09/2025;31/08/2027\r\n`;
    let opens = 0;
    const bytes = encodeWindows1252(text);
    const stream = csvRecordStream(
      () => {
        opens++;
        return piecesOf(bytes, 64 * 1024, opens)();
      },
      { mapping },
    );
    const s = await collectSnapshot(stream);
    assert.equal(s.meta.encoding, 'windows-1252');
    assert.equal(s.records.at(-1)?.fields.nomApprenant, 'Lefèvre');
    assert.equal(s.records.length, 4001);
    // The UTF-8 attempt, the Windows-1252 scan, the records.
    assert.equal(opens, 3);
  });

  it('what a wrong UTF-8 reading made of the header fails the file only if every byte proves to be UTF-8', async () => {
    // "Â«" in Windows-1252 is C2 AB, valid UTF-8 for "«": read as UTF-8 the header names no mapped column.
    // More than the delimiter's sample of ASCII rows first: the header is read before the first accent.
    const rows = Array.from({ length: 8000 }, (_, i) => `C${i};Martin`).join('\r\n');
    const text = `Â«Code;Nom apprenant\r\n${rows}\r\nC1;Lefèvre\r\n`;
    const opts = { mapping: { 'Â«Code': 'codeContrat', 'Nom apprenant': 'nomApprenant' } as Record<string, contractField> };
    const { snapshot } = await streamed(encodeWindows1252(text), opts, 4096);
    assert.equal(snapshot.meta.encoding, 'windows-1252');
    assert.deepEqual(snapshot.records.at(-1)?.fields, { codeContrat: 'C1', nomApprenant: 'Lefèvre' });
    assert.deepEqual(readCsv(encodeWindows1252(text), opts), snapshot);
  });

  it('hands records over in batches of CSV_BATCH_SIZE, in order, index 0, 1, 2...', async () => {
    const rows = Array.from({ length: 2 * CSV_BATCH_SIZE + 17 }, (_, i) => `C${i};A;B;01/09/2025;31/08/2027`);
    const bytes = utf8(`${header}\n${rows.join('\n')}\n`);
    const stream = csvRecordStream(piecesOf(bytes, 4096, 3), { mapping });
    const sizes: number[] = [];
    let next = 0;
    for await (const batch of stream.batches()) {
      sizes.push(batch.length);
      for (const record of batch) assert.equal(record.index, next++);
    }
    assert.deepEqual(sizes, [CSV_BATCH_SIZE, CSV_BATCH_SIZE, 17]);
    assert.equal(stream.meta.rows, 2 * CSV_BATCH_SIZE + 17);
    assert.equal(stream.truncated, false);
  });

  it('hands fewer than CSV_BATCH_SIZE records over once their cells hold CSV_BATCH_CHARS: large rows never make a batch of a gigabyte', async () => {
    // 600 rows with a cell of 60,000 characters each: every row within its bounds, 36 MB in all.
    const long = 'x'.repeat(60_000);
    const rows = Array.from({ length: 600 }, (_, i) => `C${i};${long};B;01/09/2025;31/08/2027`);
    const bytes = utf8(`${header}\n${rows.join('\n')}\n`);
    const stream = csvRecordStream(piecesOf(bytes, 64 * 1024, 3), { mapping });
    const sizes: number[] = [];
    let next = 0;
    for await (const batch of stream.batches()) {
      let chars = 0;
      for (const record of batch) {
        assert.equal(record.index, next++);
        assert.equal(record.fields.nomApprenant, long);
        chars += Object.values(record.raw as Record<string, string>).reduce((n, v) => n + v.length, 0);
      }
      // What CSV_BATCH_CHARS let pend, plus the row that crossed it.
      assert.ok(chars <= CSV_BATCH_CHARS + 60_100, `a batch of ${chars} characters`);
      sizes.push(batch.length);
    }
    assert.equal(next, 600);
    assert.ok(sizes.length >= 3, `batches of ${sizes.join(', ')}`);
  });

  it('Utf8Evidence counts as the whole-file rule does, across piece boundaries', () => {
    // The rule as it read a whole file at once (the oracle).
    const looksMostlyUtf8 = (bytes: Uint8Array) => {
      let valid = 0;
      let invalid = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b < 0x80) continue;
        const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        let ok = extra > 0 && i + extra < bytes.length;
        for (let k = 1; ok && k <= extra; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
        if (ok) {
          valid++;
          i += extra;
        } else invalid++;
      }
      return valid > invalid;
    };
    const rnd = random(7);
    // Whole sequences and stray bytes: A, ;, é, ’, 😀 in UTF-8; é, ’ in Windows-1252; a cut é; a lone continuation.
    const tokens = [[0x41], [0x3b], [0xc3, 0xa9], [0xe2, 0x80, 0x99], [0xf0, 0x9f, 0x98, 0x80], [0xe9], [0x92], [0xc3], [0x80], [0xff]];
    let disagreements = 0;
    let mostly = 0;
    for (let t = 0; t < 2000; t++) {
      const bytes = Uint8Array.from(Array.from({ length: Math.floor(rnd() * 20) }, () => tokens[Math.floor(rnd() * tokens.length)]).flat());
      const evidence = new Utf8Evidence();
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rnd() * 5);
        // Unaligned and aligned pieces both: the four-bytes-at-a-time path and the byte path.
        const piece = new Uint8Array(n + 1).subarray(rnd() < 0.5 ? 1 : 0);
        piece.set(bytes.subarray(at, at + n));
        evidence.push(piece.subarray(0, Math.min(n, bytes.length - at)));
        at += n;
      }
      if (evidence.mostlyUtf8() !== looksMostlyUtf8(bytes)) disagreements++;
      if (looksMostlyUtf8(bytes)) mostly++;
    }
    assert.equal(disagreements, 0);
    // Both answers occur, so the comparison means something.
    assert.ok(mostly > 100 && mostly < 1900, `${mostly}`);
  });
});

describe('CSV hostile input (issue 11)', () => {
  it('padding between a closing quote and the delimiter is dropped, the row kept', () => {
    const text = `${header}\r\n"C1" ;"DUPONT"\t;"Anne"  ;01/09/2025;"31/08/2027" \r\nC2;"MARTIN" x;B;01/09/2025;31/08/2027\r\n`;
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(s.records[0].fields, {
      codeContrat: 'C1',
      nomApprenant: 'DUPONT',
      prenomMaitreApprentissage: 'Anne',
      dateDebut: '2025-09-01',
      dateFin: '2027-08-31',
    });
    assert.equal(s.records[0].malformed, undefined);
    // Text after the closing quote is still reported.
    assert.equal(s.records[1].fields.nomApprenant, 'MARTIN x');
    assert.equal(s.records[1].malformed, 'guillemets mal placés');
    // With a tab delimiter, a tab after the quote is the delimiter, not padding.
    const tabbed = readCsv(utf8(`${header.replaceAll(';', '\t')}\n"C1"\t"A" \tB\t01/09/2025\t31/08/2027\n`), { mapping });
    assert.equal(tabbed.meta.delimiter, 'tab');
    assert.deepEqual([tabbed.records[0].fields.codeContrat, tabbed.records[0].fields.nomApprenant], ['C1', 'A']);
    assert.equal(tabbed.records[0].malformed, undefined);
  });

  it('a quoted header cell holding a line break is read, its rows too', () => {
    const text = `Export du 27/11/2026\r\nCode contrat;"Nom\r\napprenant";Prénom tuteur entreprise;Début;Fin\r\nC1;Durand;Anne;01/09/2025;31/08/2027\r\n`;
    for (const key of ['Nom apprenant', 'Nom\napprenant']) {
      const s = readCsv(utf8(text), {
        mapping: { ...mapping, 'Nom apprenant': undefined, [key]: 'nomApprenant' } as Record<string, contractField>,
      });
      assert.equal(s.meta.headerRow, 2);
      assert.deepEqual(
        s.records.map((r) => [r.fields.codeContrat, r.fields.nomApprenant, r.line, r.malformed]),
        [['C1', 'Durand', 4, undefined]],
      );
      assert.equal((s.records[0].raw as Record<string, string>)['Nom apprenant'], 'Durand');
    }
    // A configured header row that a quoted cell carries over two lines.
    const configured = readCsv(utf8(text), { mapping, headerRow: 2 });
    assert.equal(configured.records[0].fields.nomApprenant, 'Durand');
  });

  it('a file cut in the middle of its last row: that row is malformed, naming its line, and the read is truncated', async () => {
    const rows = `${header}\r\nC1;A;B;01/09/2025;31/08/2027\r\nC2;A;B;01/09/2025;31/08/2027\r\n`;
    for (const cut of ['C3;Dur', 'C3;A;B;01/09/2025;"31/08/20']) {
      const bytes = utf8(rows + cut);
      const s = readCsv(bytes, { mapping });
      assert.equal(s.meta.truncated, 'oui');
      assert.equal(s.records.length, 3);
      assert.match(s.records[2].malformed ?? '', /^ligne 4 coupée : le fichier s’arrête au milieu de cette ligne, export tronqué/);
      assert.deepEqual(
        s.records.slice(0, 2).map((r) => r.malformed),
        [undefined, undefined],
      );
      const { truncated, snapshot } = await streamed(bytes, { mapping }, 5);
      assert.equal(truncated, true);
      assert.deepEqual(snapshot, s);
      // Downstream: ROW_MALFORMED with that message, the other rows integrated.
      const outcome = await runImport(emptyState(), s, settings(), clock('2026-01-12'));
      const rejected = outcome.rejections.find((r) => r.data.codeContrat === 'C3');
      assert.ok(rejected);
      assert.ok(rejected.reasons.some((r) => r.code === 'ROW_MALFORMED' && /ligne 4 coupée/.test(r.detail ?? '')));
    }
    // A last row complete but without the final line break is not cut.
    const whole = `${rows}C3;A;B;01/09/2025;31/08/2027`;
    const s = readCsv(utf8(whole), { mapping });
    assert.equal(s.meta.truncated, undefined);
    assert.equal(s.records[2].malformed, undefined);
    assert.equal((await streamed(utf8(whole), { mapping }, 4)).truncated, false);
  });

  it('a cell longer than MAX_CELL_CHARS is cut and its row malformed; the next rows are read', () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 10);
    const text = `${header}\nC1;${long};B;01/09/2025;31/08/2027\nC2;"${long}";B;01/09/2025;31/08/2027\nC3;A;B;01/09/2025;31/08/2027\n`;
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(
      s.records.map((r) => [r.fields.codeContrat, r.fields.nomApprenant?.length, r.malformed]),
      [
        ['C1', MAX_CELL_CHARS, 'cellule de plus de 65 536 caractères (colonne 2), coupée'],
        ['C2', MAX_CELL_CHARS, 'cellule de plus de 65 536 caractères (colonne 2), coupée'],
        ['C3', 1, undefined],
      ],
    );
  });

  it('a stray quote runs at most MAX_ROW_CHARS; a longer line is cut, the rows after it are read', () => {
    // More than MAX_ROW_CHARS of rows.
    const filler = Array.from({ length: Math.ceil(MAX_ROW_CHARS / 25) }, (_, i) => `F${i};A;B;01/09/2025;31/08/2027`).join('\n');
    // The stray quote of C1 would close on the quote of C2 (more than MAX_ROW_CHARS on): it is read as text.
    const text = `${header}\nC1;"Chez Paul;B;01/09/2025;31/08/2027\n${filler}\nC2;A";B;01/09/2025;31/08/2027\nC3;${'y'.repeat(MAX_ROW_CHARS + 5)}\nC4;A;B;01/09/2025;31/08/2027\n`;
    const s = readCsv(utf8(text), { mapping });
    const byCode = new Map(s.records.map((r) => [r.fields.codeContrat, r]));
    assert.equal(byCode.get('C1')?.fields.nomApprenant, '"Chez Paul');
    assert.equal(byCode.get('C1')?.malformed, undefined);
    assert.equal(byCode.get('F0')?.malformed, undefined);
    assert.match(byCode.get('C3')?.malformed ?? '', /ligne de plus de 1 048 576 caractères, coupée/);
    assert.deepEqual([byCode.get('C4')?.malformed, byCode.get('C4')?.line], [undefined, (byCode.get('C3')?.line ?? 0) + 1]);
  });
});

describe('csvRecordStream with a layout guessed from the start of the file', () => {
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\r\n');
  /** Everything a reading gives: records, the facts of the read, and how it ended. */
  async function reading(bytes: Uint8Array, guessBytes?: number, columns: Record<string, contractField> = mapping) {
    const meta: Record<string, string | number> = {};
    const stream = csvRecordStream(piecesOf(bytes, 700, 3), { mapping: columns }, meta, { singleByte: latin1, guessBytes });
    const records: unknown[] = [];
    try {
      for await (const b of stream.batches()) records.push(...b);
      return { records, meta, truncated: stream.truncated, error: null };
    } catch (err) {
      return { records, meta, truncated: stream.truncated, error: err as Error };
    }
  }
  const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  const plain = 'Code;Nom;Tuteur;Debut;Fin';
  const plainMapping: Record<string, contractField> = {
    Code: 'codeContrat',
    Nom: 'nomApprenant',
    Tuteur: 'prenomMaitreApprentissage',
    Debut: 'dateDebut',
    Fin: 'dateFin',
  };
  /** Past the delimiter's sample (64 KiB), before the end of these files (about 100 KB). */
  const GUESS = 70_000;

  it('reads exactly what the full first pass reads when the rest of the file agrees with its start', async () => {
    const files = [
      // UTF-8, day-first dates from the first rows on.
      utf8(`${header}\r\n${rows(3_000, (i) => `C${i};Élève ${i};Zoé;${(i % 28) + 1}/09/2025;31/08/2027`)}\r\n`),
      // Windows-1252 without BOM, as the national exports: its stray high bytes are counted over the whole file.
      encodeWindows1252(`${header}\r\n${rows(3_000, (i) => `C${i};Élève ${i};Zoé;${(i % 28) + 1}/09/2025;31/08/2027`)}\r\n`),
      // Month-first all along.
      utf8(`${header}\r\n${rows(3_000, (i) => `C${i};A;B;09/${(i % 28) + 1}/2025;08/31/2027`)}\r\n`),
    ];
    for (const bytes of files) {
      const exact = await reading(bytes);
      assert.equal(exact.error, null);
      assert.deepEqual(await reading(bytes, GUESS), exact);
      // A file smaller than the guess is read whole first, as without guessing.
      assert.deepEqual(await reading(bytes, bytes.length * 2), exact);
    }
  });

  it('fails with CsvGuessError, after its records, when the rest of the file contradicts the start', async () => {
    const cases: { name: string; bytes: Uint8Array; reason: RegExp; differs: boolean; columns?: Record<string, contractField> }[] = [
      {
        name: 'a date column ambiguous at first, month-first further on',
        bytes: utf8(`${header}\r\n${rows(3_000, (i) => `C${i};A;B;${i < 2_800 ? '01/02/2025' : '02/13/2025'};01/02/2027`)}\r\n`),
        reason: /dateDebut/,
        differs: true,
      },
      {
        // Also: read without guessing, such a file (past the delimiter's sample) is read as UTF-8, its bad row marked.
        name: 'valid UTF-8 at first, a Windows-1252 byte further on',
        bytes: new Uint8Array([
          ...utf8(`${header}\r\n${rows(3_000, (i) => `C${i};Élève;B;01/09/2025;31/08/2027`)}\r\n`),
          ...encodeWindows1252('C3000;Zoé;B;01/09/2025;31/08/2027\r\n'),
        ]),
        reason: /octets invalides en UTF-8/,
        // Stopped at the bad byte: the records before it read the same.
        differs: false,
      },
      // The "mostly UTF-8" count, both ways (an ASCII header: read either way).
      {
        name: 'mostly UTF-8 at first, mostly Windows-1252 further on',
        bytes: new Uint8Array([
          ...utf8(`${plain}\r\nC0;Élève;B;01/09/2025;31/08/2027\r\n`),
          ...encodeWindows1252('C1;Zoé;B;01/09/2025;31/08/2027\r\n'),
          ...utf8(`${rows(2_000, (i) => `D${i};Élève;B;01/09/2025;31/08/2027`)}\r\n`),
          ...encodeWindows1252(`${rows(6_000, (i) => `E${i};Zoé;B;01/09/2025;31/08/2027`)}\r\n`),
        ]),
        reason: /n’est pas surtout en UTF-8/,
        differs: true,
        columns: plainMapping,
      },
      {
        name: 'mostly Windows-1252 at first, mostly UTF-8 further on',
        bytes: new Uint8Array([
          ...encodeWindows1252(`${plain}\r\n${rows(2_500, (i) => `D${i};Zoé;B;01/09/2025;31/08/2027`)}\r\n`),
          ...utf8(`${rows(6_000, (i) => `E${i};Élève;B;01/09/2025;31/08/2027`)}\r\n`),
        ]),
        reason: /est surtout en UTF-8/,
        differs: true,
        columns: plainMapping,
      },
    ];
    for (const c of cases) {
      const exact = await reading(c.bytes, undefined, c.columns);
      assert.equal(exact.error, null, c.name);
      const guessed = await reading(c.bytes, GUESS, c.columns);
      assert.equal(guessed.error?.name, 'CsvGuessError', c.name);
      assert.match(guessed.error?.message ?? '', c.reason, c.name);
      // Records went out before the verdict (at the end for dates, at the bad byte for UTF-8):
      // the reader must start over, which is what CsvGuessError says.
      assert.ok(guessed.records.length >= 1_000, c.name);
      if (c.differs) assert.notDeepEqual(guessed.records, exact.records, `${c.name}: read otherwise than the whole file says`);
    }
  });
});
