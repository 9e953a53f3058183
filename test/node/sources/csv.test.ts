import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile, utimes, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSnapshot, readCsv, readCsvSource, detectDelimiter, SourceError } from '../../../server/sources/index.ts';
import { parseCsv } from '../../../server/sources/csv/parse.ts';
import type { CsvRow } from '../../../server/sources/csv/header.ts';
import type { CsvSourceConfig } from '../../../server/config/schema.ts';
import type { contractField } from '../../../contract/fields.ts';
import { runImport } from '../../../server/core/run-import.ts';
import { apply, clock, emptyState, settings, validFields } from '../core/fixtures.ts';
import { mapping, utf8 } from './fixtures.ts';

/** Windows-1252 encoding for the Latin-1 range our fixtures use (é, è, ç... are identical there). */
function cp1252(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    assert.ok(c < 0x100, 'fixture must stay in Latin-1');
    out[i] = c;
  }
  return out;
}

function cfg(path: string, extra: Partial<CsvSourceConfig> = {}): CsvSourceConfig {
  return { kind: 'csv', path, mapping, encoding: 'auto', delimiter: 'auto', dateFormat: 'DD/MM/YYYY', ...extra };
}

describe('readCsv', () => {
  it('reads Windows-1252 with a preamble line, CRLF, ; and DD/MM/YYYY dates', () => {
    const text =
      'Export Ypareo du 27/11/2026\r\n' +
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\r\n' +
      'C1;Lefèvre;Hélène;01/09/2025;31/08/2027\r\n' +
      'C2;Dupont;Françoise;02/09/2025;1/7/2027\r\n';
    const s = readCsv(cp1252(text), { mapping });
    assert.equal(s.source, 'csv');
    assert.equal(s.meta.encoding, 'windows-1252');
    assert.equal(s.meta.delimiter, ';');
    assert.equal(s.meta.headerRow, 2);
    assert.equal(s.records.length, 2);
    const [a, b] = s.records;
    assert.deepEqual(a.fields, {
      codeContrat: 'C1',
      nomApprenant: 'Lefèvre',
      prenomMaitreApprentissage: 'Hélène',
      dateDebut: '2025-09-01',
      dateFin: '2027-08-31',
    });
    assert.equal(a.line, 3);
    assert.equal(a.index, 0);
    assert.equal(b.fields.prenomMaitreApprentissage, 'Françoise');
    assert.equal(b.fields.dateFin, '2027-07-01');
    assert.deepEqual(a.raw, {
      'Code contrat': 'C1',
      'Nom apprenant': 'Lefèvre',
      'Prénom tuteur entreprise': 'Hélène',
      Début: '01/09/2025',
      Fin: '31/08/2027',
    });
    assert.equal(a.malformed, undefined);
    assert.match(String(s.meta.dateFormats), /dateFin : DD\/MM\/YYYY \(détecté\)/);
  });

  it('reads UTF-8 with a BOM, comma-delimited, LF, headers with stray spaces', () => {
    const text = '\uFEFF Code contrat ,Nom apprenant,Prénom tuteur entreprise,Début,Fin\nC1,Éloïse,Zoé,2025-09-01,2027-08-31\n';
    const s = readCsv(utf8(text), { mapping });
    assert.equal(s.meta.encoding, 'utf-8');
    assert.equal(s.meta.bom, 'oui');
    assert.equal(s.meta.delimiter, ',');
    assert.equal(s.records[0].fields.codeContrat, 'C1');
    assert.equal(s.records[0].fields.nomApprenant, 'Éloïse');
    assert.equal(s.records[0].fields.dateDebut, '2025-09-01');
    assert.match(String(s.meta.dateFormats), /dateDebut\s: ISO/);
  });

  it('handles quoted fields with newlines, delimiters and doubled quotes; line = start line', () => {
    const text =
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin;Mission\r\n' +
      'C1;"Martin; dit ""le grand""";"Anne\r\nMarie";01/09/2025;31/08/2027;"ligne 1\r\nligne 2\r\nligne 3"\r\n' +
      'C2;Petit;Luc;01/09/2025;31/08/2027;simple\r\n';
    const s = readCsv(utf8(text), { mapping: { ...mapping, Mission: 'missionDetails' } });
    assert.equal(s.records.length, 2);
    assert.equal(s.records[0].fields.nomApprenant, 'Martin; dit "le grand"');
    assert.equal(s.records[0].fields.prenomMaitreApprentissage, 'Anne\r\nMarie');
    assert.equal(s.records[0].fields.missionDetails, 'ligne 1\r\nligne 2\r\nligne 3');
    assert.equal(s.records[0].line, 2);
    assert.equal(s.records[1].line, 6);
    assert.equal(s.records[1].malformed, undefined);
  });

  it('detects M/D/YYYY from a value whose second part is over 12, and falls back to the configured format', () => {
    const text =
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n' + 'C1;A;B;9/1/2025;8/31/2027\n' + 'C2;A;B;9/2/2025;6/30/2027\n';
    const s = readCsv(utf8(text), { mapping });
    // dateDebut alone is ambiguous: the configured default (day first) applies.
    assert.equal(s.records[0].fields.dateDebut, '2025-01-09');
    assert.equal(s.records[0].fields.dateFin, '2027-08-31');
    assert.equal(s.records[1].fields.dateFin, '2027-06-30');
    assert.match(String(s.meta.dateFormats), /dateFin : M\/D\/YYYY \(détecté\)/);
    assert.match(String(s.meta.dateFormats), /dateDebut\s: DD\/MM\/YYYY \(ambigu/);

    const us = readCsv(utf8(text), { mapping, dateFormat: 'MM/DD/YYYY' });
    assert.equal(us.records[0].fields.dateDebut, '2025-09-01');
  });

  it('leaves unparseable dates as received for the core to flag', () => {
    const text = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\nC1;A;B;31/02/2026;bientôt\n';
    const s = readCsv(utf8(text), { mapping });
    assert.equal(s.records[0].fields.dateDebut, '31/02/2026');
    assert.equal(s.records[0].fields.dateFin, 'bientôt');
  });

  it('addresses the 2nd column of a repeated header with #2; raw names it Header#2', () => {
    const text = 'Code contrat;Nom;Nom;Email;Email\nC1;Durand;Moreau;a@x.fr;m@y.fr\n';
    const s = readCsv(utf8(text), {
      mapping: {
        'Code contrat': 'codeContrat',
        Nom: 'nomApprenant',
        'Nom#2': 'nomMaitreApprentissage',
        'Email#1': 'emailApprenant',
        'Email#2': 'emailMaitreApprentissage',
      },
    });
    assert.deepEqual(s.records[0].fields, {
      codeContrat: 'C1',
      nomApprenant: 'Durand',
      nomMaitreApprentissage: 'Moreau',
      emailApprenant: 'a@x.fr',
      emailMaitreApprentissage: 'm@y.fr',
    });
    assert.deepEqual(s.records[0].raw, { 'Code contrat': 'C1', Nom: 'Durand', 'Nom#2': 'Moreau', Email: 'a@x.fr', 'Email#2': 'm@y.fr' });
  });

  it('keeps a wrong-column-count row as malformed, reads the others, skips empty lines', () => {
    const text =
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\r\n' +
      'C1;A;B;01/09/2025;31/08/2027\r\n' +
      '\r\n' +
      ';;;;\r\n' +
      'C2;Court\r\n' +
      'C3;A;B;01/09/2025;31/08/2027;en trop\r\n' +
      'C4;A;B;01/09/2025;31/08/2027;\r\n';
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(
      s.records.map((r) => r.fields.codeContrat),
      ['C1', 'C2', 'C3', 'C4'],
    );
    assert.deepEqual(
      s.records.map((r) => r.line),
      [2, 5, 6, 7],
    );
    assert.equal(s.records[0].malformed, undefined);
    assert.equal(s.records[1].malformed, '2 colonnes au lieu de 5');
    assert.equal(s.records[1].fields.nomApprenant, 'Court');
    assert.equal(s.records[1].fields.dateDebut, undefined);
    assert.equal(s.records[2].malformed, '6 colonnes au lieu de 5');
    // A trailing empty cell loses nothing: not malformed.
    assert.equal(s.records[3].malformed, undefined);
    assert.equal(s.meta.malformed, 2);
  });

  it('reads a quote never closed as text; flags it only when the row is still the wrong width', () => {
    const header = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n';
    const fine = readCsv(utf8(`${header}C1;A;B;01/09/2025;31/08/2027\nC2;"A;B;01/09/2025;31/08/2027\nC3;A;B;01/09/2025;31/08/2027\n`), {
      mapping,
    });
    assert.deepEqual(
      fine.records.map((r) => [r.fields.codeContrat, r.line, r.malformed]),
      [
        ['C1', 2, undefined],
        ['C2', 3, undefined],
        ['C3', 4, undefined],
      ],
    );
    assert.equal(fine.records[1].fields.nomApprenant, '"A');
    // The quote meant to protect a delimiter: read as text, the row has one cell too many.
    const wide = readCsv(utf8(`${header}C1;"A; dit B;B;01/09/2025;31/08/2027\nC2;A;B;01/09/2025;31/08/2027\n`), { mapping });
    assert.equal(wide.records.length, 2);
    assert.equal(wide.records[0].malformed, '6 colonnes au lieu de 5 ; guillemet non fermé, lu tel quel');
    assert.equal(wide.records[1].malformed, undefined);
  });

  it('marks rows with invalid UTF-8 as unreadable (configured UTF-8, or auto on a mostly-UTF-8 file)', () => {
    const head = utf8('Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\nC1;Ok;B;01/09/2025;31/08/2027\nC2;');
    const bad = new Uint8Array([0x4c, 0xe9, 0x61]); // "Léa" in Windows-1252
    const tail = utf8(';B;01/09/2025;31/08/2027\n');
    const bytes = new Uint8Array([...head, ...bad, ...tail]);
    const forced = readCsv(bytes, { mapping, encoding: 'utf-8' });
    assert.equal(forced.records[0].malformed, undefined);
    assert.match(forced.records[1].malformed ?? '', /encodage illisible/);
    const auto = readCsv(bytes, { mapping });
    assert.equal(auto.meta.encoding, 'utf-8');
    assert.equal(auto.records[0].fields.prenomMaitreApprentissage, 'B');
    assert.match(auto.records[1].malformed ?? '', /encodage illisible/);
    // Forced Windows-1252 reads the bad byte, at the price of the UTF-8 header.
    assert.throws(() => readCsv(bytes, { mapping, encoding: 'windows-1252' }), /PrÃ©nom/);
  });

  it('throws a clear error naming every missing mapped column', () => {
    const text = 'Code contrat;Nom apprenant;Début\nC1;A;01/09/2025\n';
    assert.throws(
      () => readCsv(utf8(text), { mapping }),
      (err: unknown) =>
        err instanceof SourceError &&
        /"Prénom tuteur entreprise"/.test(err.message) &&
        /"Fin"/.test(err.message) &&
        /Colonnes absentes/.test(err.message),
    );
    assert.throws(() => readCsv(utf8(''), { mapping }), /vide/);
  });

  it('uses a configured header row', () => {
    const text =
      'Code contrat;Nom apprenant\nignored;ignored\nCode contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\nC1;A;B;01/09/2025;31/08/2027\n';
    const s = readCsv(utf8(text), { mapping, headerRow: 3 });
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].line, 4);
  });

  it('parses mixed CRLF / LF / CR line endings with exact start lines', () => {
    const rows: CsvRow[] = [];
    parseCsv('a;b\r\n1;"x\ny"\n3;4\r5;6;\n\n7;"z"w;8', ';', (r) => {
      rows.push(r);
    });
    assert.deepEqual(
      rows.map((r) => [r.line, r.cells, r.error]),
      [
        [1, ['a', 'b'], undefined],
        [2, ['1', 'x\ny'], undefined],
        [4, ['3', '4'], undefined],
        [5, ['5', '6', ''], undefined],
        [6, [''], undefined],
        [7, ['7', 'zw', '8'], 'guillemets mal placés'],
      ],
    );
  });

  it('keeps multi-line quoted cells anywhere in the row, in the first rows too (header search)', () => {
    const text =
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin;Mission\n' +
      'C1;A;B;01/09/2025;31/08/2027;"ligne 1\nligne 2; suite\nligne 3"\n' +
      'C2;"Anne\nMarie";B;01/09/2025;31/08/2027;\n' +
      'C3;A;B;01/09/2025;31/08/2027;"ligne ""citée""\r\nfin"\n';
    const s = readCsv(utf8(text), { mapping: { ...mapping, Mission: 'missionDetails' } });
    assert.deepEqual(
      s.records.map((r) => [r.fields.codeContrat, r.line, r.malformed]),
      [
        ['C1', 2, undefined],
        ['C2', 5, undefined],
        ['C3', 7, undefined],
      ],
    );
    assert.equal(s.records[0].fields.missionDetails, 'ligne 1\nligne 2; suite\nligne 3');
    assert.equal(s.records[1].fields.nomApprenant, 'Anne\nMarie');
    assert.equal(s.records[2].fields.missionDetails, 'ligne "citée"\r\nfin');
  });

  it('a stray quote mid-file closed by a later stray quote merges nothing: only its own row is affected', () => {
    const header = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n';
    const row = (i: number, name = 'A') => `C${i};${name};B;01/09/2025;31/08/2027\n`;
    const lines: string[] = [];
    for (let i = 1; i <= 12; i++) {
      // Row 4 opens a quote that row 9 closes, in the same column: joined, they would even have the right width.
      lines.push(i === 4 ? row(i, '"Chez Paul') : i === 9 ? row(i, 'Dupont"') : i === 11 ? row(i, '"Martin') : row(i));
    }
    const s = readCsv(utf8(header + lines.join('')), { mapping });
    assert.deepEqual(
      s.records.map((r) => r.fields.codeContrat),
      Array.from({ length: 12 }, (_, i) => `C${i + 1}`),
    );
    assert.deepEqual(
      s.records.map((r) => r.line),
      Array.from({ length: 12 }, (_, i) => i + 2),
    );
    assert.deepEqual(
      s.records.map((r) => r.malformed),
      Array.from({ length: 12 }, () => undefined),
    );
    assert.equal(s.records[3].fields.nomApprenant, '"Chez Paul');
    assert.equal(s.records[8].fields.nomApprenant, 'Dupont"');
    assert.equal(s.records[10].fields.nomApprenant, '"Martin');

    // Closed instead by the opening quote of a later, legitimately quoted cell.
    const quoted = header + row(1) + row(2, '"Chez Paul') + row(3) + row(4, '"Durand"') + row(5);
    const q = readCsv(utf8(quoted), { mapping });
    assert.deepEqual(
      q.records.map((r) => [r.fields.codeContrat, r.fields.nomApprenant, r.line, r.malformed]),
      [
        ['C1', 'A', 2, undefined],
        ['C2', '"Chez Paul', 3, undefined],
        ['C3', 'A', 4, undefined],
        ['C4', 'Durand', 5, undefined],
        ['C5', 'A', 6, undefined],
      ],
    );

    // Joined rows of the wrong width (stray quote in another column than the closing one).
    const shifted = `${header + row(1)}C2;A;"B;01/09/2025;31/08/2027\n${row(3)}${row(4, 'Dupont";x')}${row(5)}`;
    const w = readCsv(utf8(shifted), { mapping });
    assert.deepEqual(
      w.records.map((r) => [r.fields.codeContrat, r.line]),
      [
        ['C1', 2],
        ['C2', 3],
        ['C3', 4],
        ['C4', 5],
        ['C5', 6],
      ],
    );
    assert.equal(w.records[1].fields.prenomMaitreApprentissage, '"B');
    assert.equal(w.records[1].malformed, undefined);
    assert.equal(w.records[3].malformed, '6 colonnes au lieu de 5');
  });

  it('a quoted cell over two lines whose first line alone has as many delimiters as the header is still kept whole', () => {
    // The first line, `C1;"x;y;z;w`, read alone has the header's width: it cannot be ruled out by
    // counting its delimiters, and reading it shows it fits; the second line does not, so the cell is kept.
    const header = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n';
    const s = readCsv(utf8(`${header}C1;"x;y;z;w\nsuite";B;01/09/2025;31/08/2027\nC2;"a\nb";B;01/09/2025;31/08/2027\n`), { mapping });
    assert.deepEqual(
      s.records.map((r) => [r.fields.codeContrat, r.fields.nomApprenant, r.line, r.malformed]),
      [
        ['C1', 'x;y;z;w\nsuite', 2, undefined],
        ['C2', 'a\nb', 4, undefined],
      ],
    );
  });

  it('a stray quote in the first rows or the preamble does not hide the header or the rows after it', () => {
    const header = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n';
    const early = readCsv(
      utf8(`Export "du 27/11\n${header}C1;"A;B;01/09/2025;31/08/2027\nC2;A;B;01/09/2025;31/08/2027\nC3;"Durand";B;01/09/2025;31/08/2027\n`),
      { mapping },
    );
    assert.equal(early.meta.headerRow, 2);
    assert.deepEqual(
      early.records.map((r) => [r.fields.codeContrat, r.line, r.malformed]),
      [
        ['C1', 3, undefined],
        ['C2', 4, undefined],
        ['C3', 5, undefined],
      ],
    );
    // With a configured header row too.
    const configured = readCsv(utf8(`Export "du 27/11\n${header}C1;"A;B;01/09/2025;31/08/2027\nC2;"A";B;01/09/2025;31/08/2027\n`), {
      mapping,
      headerRow: 2,
    });
    assert.deepEqual(
      configured.records.map((r) => [r.fields.codeContrat, r.fields.nomApprenant]),
      [
        ['C1', '"A'],
        ['C2', 'A'],
      ],
    );
  });

  it("the reviewer's trigger: a stray quote on row 27 of 30 archives nothing", async () => {
    const fields = Object.keys(validFields()) as contractField[];
    const identity = Object.fromEntries(fields.map((f) => [f, f])) as Record<string, contractField>;
    const csv = (patch: (i: number, cells: string[]) => string[]) =>
      utf8(
        `${[
          fields.join(';'),
          ...Array.from({ length: 30 }, (_, k) =>
            patch(
              k + 1,
              fields.map((f) => validFields(k + 1)[f] ?? ''),
            ).join(';'),
          ),
        ].join('\r\n')}\r\n`,
      );
    const company = fields.indexOf('nomEntreprise');
    const day1 = readCsv(
      csv((_, cells) => cells),
      { mapping: identity },
    );
    const state = apply(emptyState(), await runImport(emptyState(), day1, settings(), clock('2026-01-12')));
    assert.equal(state.contracts.size, 30);

    const stray = readCsv(
      csv((i, cells) => (i === 27 ? cells.map((c, k) => (k === company ? '"Chez Paul' : c)) : cells)),
      { mapping: identity },
    );
    assert.equal(stray.records.length, 30);
    assert.equal(stray.meta.malformed, 0);
    assert.equal(stray.records[26].fields.nomEntreprise, '"Chez Paul');
    assert.deepEqual(
      stray.records.slice(27).map((r) => [r.fields.codeContrat, r.line]),
      [
        ['C00028', 29],
        ['C00029', 30],
        ['C00030', 31],
      ],
    );
    const outcome = await runImport(state, stray, settings(), clock('2026-01-13'));
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual([outcome.counts.received, outcome.counts.integrated, outcome.counts.archived, outcome.counts.updated], [30, 30, 0, 1]);

    // The quote swallowed a delimiter: that row alone is malformed (29 valid), nothing archived.
    const broken = readCsv(
      csv((i, cells) => (i === 27 ? cells.map((c, k) => (k === company ? '"Chez Paul; Fils' : c)) : cells)),
      { mapping: identity },
    );
    assert.equal(broken.records.length, 30);
    assert.match(broken.records[26].malformed ?? '', /guillemet non fermé, lu tel quel/);
    const held = await runImport(state, broken, settings(), clock('2026-01-13'));
    assert.equal(held.status, 'succeeded');
    assert.deepEqual([held.counts.received, held.counts.rejected, held.counts.archived], [30, 1, 0]);
    assert.deepEqual(
      held.rejections.map((r) => r.code),
      ['C00027'],
    );
  });

  it('tolerates a trailing delimiter on every line, header included', () => {
    const text =
      'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin;\nC1;A;B;01/09/2025;31/08/2027;\nC2;A;B;01/09/2025;31/08/2027\n';
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(
      s.records.map((r) => r.malformed),
      [undefined, undefined],
    );
  });

  it('detects tab and pipe delimiters, ignoring quoted delimiters', () => {
    assert.equal(detectDelimiter('a\tb\tc\n1\t"x;y;z"\t3\n'), '\t');
    assert.equal(detectDelimiter('Export du 1/1/2026\na|b|c\n1|2,5|3\n4|5|6\n'), '|');
    assert.equal(detectDelimiter('a;b;c\n"1,2,3,4";2;3\n'), ';');
  });

  it('reads 5,000 rows of 30 columns (perf sanity, no timing assert)', () => {
    const headers = Array.from({ length: 30 }, (_, i) => `Col ${i}`);
    headers[0] = 'Code contrat';
    headers[1] = 'Début';
    const row = (n: number) =>
      [`C${n}`, '01/09/2025', ...Array.from({ length: 28 }, (_, i) => (i % 7 === 0 ? '"a; b"' : `v${i}`))].join(';');
    const lines = [headers.join(';')];
    for (let n = 0; n < 5_000; n++) lines.push(row(n));
    const s = readCsv(utf8(lines.join('\r\n')), { mapping: { 'Code contrat': 'codeContrat', Début: 'dateDebut' } });
    assert.equal(s.records.length, 5_000);
    assert.equal(s.records[4_999].line, 5_001);
    assert.equal(s.records[4_999].fields.dateDebut, '2025-09-01');
  });
});

describe('readCsvSource', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'erp-sync-csv-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The settle delay, near 0: the folder is not written to while these tests read it. */
  const settled = { settleMs: 1 };
  const body = (code: string) => `Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\r\n${code};A;B;01/09/2025;31/08/2027\r\n`;

  it('reads the newest file of a folder and reports it in meta', async () => {
    const folder = join(dir, 'drop');
    await mkdir(folder);
    await writeFile(join(folder, 'export-new.csv'), body('NEW'));
    await writeFile(join(folder, 'export-old.csv'), body('OLD'));
    await writeFile(join(folder, '.hidden.csv'), body('HIDDEN'));
    const now = Date.now() / 1000;
    await utimes(join(folder, 'export-old.csv'), now - 86_400, now - 86_400);
    await utimes(join(folder, 'export-new.csv'), now - 60, now - 60);
    await utimes(join(folder, '.hidden.csv'), now, now);
    const s = await collectSnapshot(readCsvSource(cfg(folder), settled));
    assert.equal(s.meta.file, 'export-new.csv');
    assert.equal(s.records[0].fields.codeContrat, 'NEW');
    assert.equal(s.meta.encoding, 'utf-8');
    assert.equal(s.meta.delimiter, ';');
  });

  it('reads a file path directly; a missing path or an empty folder is a clear error', async () => {
    const file = join(dir, 'one.csv');
    await writeFile(file, body('ONE'));
    const s = await collectSnapshot(readCsvSource(cfg(file), settled));
    assert.equal(s.records[0].fields.codeContrat, 'ONE');
    await assert.rejects(collectSnapshot(readCsvSource(cfg(join(dir, 'nope.csv')), settled)), /introuvable/);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await assert.rejects(collectSnapshot(readCsvSource(cfg(empty), settled)), /Aucun fichier/);
  });

  it('reads only .csv, .txt and .tsv files of a folder: a newer upload in progress or archive is not the export', async () => {
    const folder = join(dir, 'drop-mixed');
    await mkdir(folder);
    const now = Date.now() / 1000;
    const files: [string, string, number][] = [
      ['export-2026-01-12.csv', body('CSV'), now - 3_600],
      ['export-2026-01-13.csv.filepart', body('PARTIAL'), now - 10],
      ['export-2026-01-13.zip', 'PK\u0003\u0004', now - 5],
      ['export.tmp', body('TMP'), now - 1],
      ['notes.docx', 'x', now],
    ];
    for (const [name, content, time] of files) {
      await writeFile(join(folder, name), content);
      await utimes(join(folder, name), time, time);
    }
    const s = await collectSnapshot(readCsvSource(cfg(folder), settled));
    assert.equal(s.meta.file, 'export-2026-01-12.csv');
    assert.equal(s.records[0].fields.codeContrat, 'CSV');

    // Extensions are compared case-insensitively (exports from Windows tools: EXPORT.TXT).
    await writeFile(join(folder, 'EXPORT.TXT'), body('UPPER'));
    assert.equal((await collectSnapshot(readCsvSource(cfg(folder), settled))).meta.file, 'EXPORT.TXT');

    const junk = join(dir, 'drop-junk');
    await mkdir(junk);
    await writeFile(join(junk, 'export.csv.filepart'), body('PARTIAL'));
    await assert.rejects(collectSnapshot(readCsvSource(cfg(junk), settled)), /Aucun fichier \.csv, \.txt ou \.tsv à lire/);
  });

  it('streams a file: the file facts first in meta, a file cut in its last row flagged truncated', async () => {
    const file = join(dir, 'cut.csv');
    await writeFile(file, `${body('C1')}C2;A`);
    const stream = readCsvSource(cfg(file), settled);
    const s = await collectSnapshot(stream);
    assert.equal(stream.truncated, true);
    assert.deepEqual(Object.keys(s.meta).slice(0, 4), ['file', 'path', 'modifiedAt', 'bytes']);
    assert.equal(s.meta.truncated, 'oui');
    assert.match(s.records[1].malformed ?? '', /ligne 3 coupée/);
  });

  it('fails clearly, reading nothing, when the chosen file is still being written', async () => {
    const folder = join(dir, 'drop-growing');
    await mkdir(folder);
    const file = join(folder, 'export.csv');
    await writeFile(file, body('C1'));
    // The upload goes on during the settle delay: the run must fail, not read half a file.
    const writer = setTimeout(() => void appendFile(file, 'C2;A;B;01/09/2025;31/08/2027\r\n'), 30);
    await assert.rejects(collectSnapshot(readCsvSource(cfg(folder), { settleMs: 400 })), (err: unknown) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /fichier en cours d’écriture : export\.csv/);
      return true;
    });
    clearTimeout(writer);
    // Same size, new modification time (a tool rewriting the file in place): still not settled.
    const touch = setTimeout(() => void utimes(file, Date.now() / 1000 + 5, Date.now() / 1000 + 5), 30);
    await assert.rejects(collectSnapshot(readCsvSource(cfg(file), { settleMs: 400 })), /fichier en cours d’écriture : export\.csv/);
    clearTimeout(touch);
    // Once it stops changing, the next run reads it whole.
    const s = await collectSnapshot(readCsvSource(cfg(folder), { settleMs: 20 }));
    assert.deepEqual(
      s.records.map((r) => r.fields.codeContrat),
      ['C1', 'C2'],
    );
  });
});

it('Windows-1252 bytes 0x80–0x9F decode to ’ œ € (Node 20 TextDecoder reads them as Latin-1)', async () => {
  const { decodeWindows1252, encodeWindows1252 } = await import('../../../server/sources/csv/windows-1252.ts');
  const text = 'maître d’apprentissage, Cœur, 12 €, “Œuvre”, éàç';
  const bytes = encodeWindows1252(text);
  assert.equal(bytes[bytes.indexOf(0x92)], 0x92);
  assert.equal(decodeWindows1252(bytes), text);
});

it('a date column reader gives the same answer for a value met again, readable or not', async () => {
  const { columnDateReader } = await import('../../../server/sources/csv/dates.ts');
  const read = columnDateReader('dmy');
  for (let pass = 0; pass < 2; pass++) {
    assert.equal(read('05/03/2026'), '2026-03-05');
    assert.equal(read('31/02/2026'), undefined);
    assert.equal(read(' 5/3/2026 '), '2026-03-05');
    assert.equal(read('demain'), undefined);
  }
});
