import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, utimes, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv, readCsvSource, detectDelimiter, SourceError } from '../../../server/sources/index.ts';
import { parseCsv } from '../../../server/sources/csv/parse.ts';
import type { CsvRow } from '../../../server/sources/csv/header.ts';
import type { CsvSourceConfig } from '../../../server/config/schema.ts';
import type { ContractField } from '../../../server/contract/fields.ts';

const mapping: Record<string, ContractField> = {
  'Code contrat': 'codeContrat',
  'Nom apprenant': 'nomApprenant',
  'Prénom tuteur entreprise': 'prenomMaitreApprentissage',
  'Début': 'dateDebut',
  'Fin': 'dateFin',
};

const utf8 = (s: string) => new TextEncoder().encode(s);

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
    assert.deepEqual(a.raw, { 'Code contrat': 'C1', 'Nom apprenant': 'Lefèvre', 'Prénom tuteur entreprise': 'Hélène', 'Début': '01/09/2025', 'Fin': '31/08/2027' });
    assert.equal(a.malformed, undefined);
    assert.match(String(s.meta.dateFormats), /dateFin : DD\/MM\/YYYY \(détecté\)/);
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
    assert.match(String(s.meta.dateFormats), /dateDebut : ISO/);
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
    const text = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\n' +
      'C1;A;B;9/1/2025;8/31/2027\n' +
      'C2;A;B;9/2/2025;6/30/2027\n';
    const s = readCsv(utf8(text), { mapping });
    // dateDebut alone is ambiguous: the configured default (day first) applies.
    assert.equal(s.records[0].fields.dateDebut, '2025-01-09');
    assert.equal(s.records[0].fields.dateFin, '2027-08-31');
    assert.equal(s.records[1].fields.dateFin, '2027-06-30');
    assert.match(String(s.meta.dateFormats), /dateFin : M\/D\/YYYY \(détecté\)/);
    assert.match(String(s.meta.dateFormats), /dateDebut : DD\/MM\/YYYY \(ambigu/);

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
      mapping: { 'Code contrat': 'codeContrat', Nom: 'nomApprenant', 'Nom#2': 'nomMaitreApprentissage', 'Email#1': 'emailApprenant', 'Email#2': 'emailMaitreApprentissage' },
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
    const text = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\r\n' +
      'C1;A;B;01/09/2025;31/08/2027\r\n' +
      '\r\n' +
      ';;;;\r\n' +
      'C2;Court\r\n' +
      'C3;A;B;01/09/2025;31/08/2027;en trop\r\n' +
      'C4;A;B;01/09/2025;31/08/2027;\r\n';
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(s.records.map((r) => r.fields.codeContrat), ['C1', 'C2', 'C3', 'C4']);
    assert.deepEqual(s.records.map((r) => r.line), [2, 5, 6, 7]);
    assert.equal(s.records[0].malformed, undefined);
    assert.equal(s.records[1].malformed, '2 colonnes au lieu de 5');
    assert.equal(s.records[1].fields.nomApprenant, 'Court');
    assert.equal(s.records[1].fields.dateDebut, undefined);
    assert.equal(s.records[2].malformed, '6 colonnes au lieu de 5');
    // A trailing empty cell loses nothing: not malformed.
    assert.equal(s.records[3].malformed, undefined);
    assert.equal(s.meta.malformed, 2);
  });

  it('flags an unterminated quote', () => {
    const text = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\nC1;A;B;01/09/2025;31/08/2027\nC2;"A;B;01/09/2025;31/08/2027\n';
    const s = readCsv(utf8(text), { mapping });
    assert.equal(s.records.length, 2);
    assert.match(s.records[1].malformed ?? '', /guillemet non fermé/);
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
        err instanceof SourceError && /"Prénom tuteur entreprise"/.test(err.message) && /"Fin"/.test(err.message) && /Colonnes absentes/.test(err.message),
    );
    assert.throws(() => readCsv(utf8(''), { mapping }), /vide/);
  });

  it('uses a configured header row', () => {
    const text = 'Code contrat;Nom apprenant\nignored;ignored\nCode contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin\nC1;A;B;01/09/2025;31/08/2027\n';
    const s = readCsv(utf8(text), { mapping, headerRow: 3 });
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].line, 4);
  });

  it('parses mixed CRLF / LF / CR line endings with exact start lines', () => {
    const rows: CsvRow[] = [];
    parseCsv('a;b\r\n1;"x\ny"\n3;4\r5;6;\n\n7;"z"w;8', ';', (r) => {
      rows.push(r);
    });
    assert.deepEqual(rows.map((r) => [r.line, r.cells, r.error]), [
      [1, ['a', 'b'], undefined],
      [2, ['1', 'x\ny'], undefined],
      [4, ['3', '4'], undefined],
      [5, ['5', '6', ''], undefined],
      [6, [''], undefined],
      [7, ['7', 'zw', '8'], 'guillemets mal placés'],
    ]);
  });

  it('tolerates a trailing delimiter on every line, header included', () => {
    const text = 'Code contrat;Nom apprenant;Prénom tuteur entreprise;Début;Fin;\nC1;A;B;01/09/2025;31/08/2027;\nC2;A;B;01/09/2025;31/08/2027\n';
    const s = readCsv(utf8(text), { mapping });
    assert.deepEqual(s.records.map((r) => r.malformed), [undefined, undefined]);
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
    const row = (n: number) => [`C${n}`, '01/09/2025', ...Array.from({ length: 28 }, (_, i) => (i % 7 === 0 ? '"a; b"' : `v${i}`))].join(';');
    const lines = [headers.join(';')];
    for (let n = 0; n < 5_000; n++) lines.push(row(n));
    const s = readCsv(utf8(lines.join('\r\n')), { mapping: { 'Code contrat': 'codeContrat', 'Début': 'dateDebut' } });
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
    const s = await readCsvSource(cfg(folder));
    assert.equal(s.meta.file, 'export-new.csv');
    assert.equal(s.records[0].fields.codeContrat, 'NEW');
    assert.equal(s.meta.encoding, 'utf-8');
    assert.equal(s.meta.delimiter, ';');
  });

  it('reads a file path directly; a missing path or an empty folder is a clear error', async () => {
    const file = join(dir, 'one.csv');
    await writeFile(file, body('ONE'));
    const s = await readCsvSource(cfg(file));
    assert.equal(s.records[0].fields.codeContrat, 'ONE');
    await assert.rejects(readCsvSource(cfg(join(dir, 'nope.csv'))), /introuvable/);
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await assert.rejects(readCsvSource(cfg(empty)), /Aucun fichier/);
  });
});

it('Windows-1252 bytes 0x80–0x9F decode to ’ œ € (Node 20 TextDecoder reads them as Latin-1)', async () => {
  const { decodeWindows1252, encodeWindows1252 } = await import('../../../server/sources/csv/windows-1252.ts');
  const text = 'maître d’apprentissage, Cœur, 12 €, “Œuvre”, éàç';
  const bytes = encodeWindows1252(text);
  assert.equal(bytes[bytes.indexOf(0x92)], 0x92);
  assert.equal(decodeWindows1252(bytes), text);
});
