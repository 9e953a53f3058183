import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_MAX, contractFields, fieldLabels } from '../../../contract/index.ts';
import { csvCell, csvRow, csvTextCell } from '../../../server/http/csv.ts';
import { signAdminToken } from '../../../server/http/index.ts';
import { BULK, ORG_A } from './fakes.ts';
import { NOW, SECRET, bearer, setup } from './setup.ts';
import { parseExcelCsv } from '../support/excel-csv.ts';

const auth = async () => bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: NOW }));

const parse = parseExcelCsv;

describe('csv cells', () => {
  it('neutralises formulas and quotes when needed', () => {
    assert.equal(csvCell('Durand'), 'Durand');
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+33612345678'), "'+33612345678");
    assert.equal(csvCell('-5'), "'-5");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('l1\nl2'), '"l1\nl2"');
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvRow(['a', 'b']), 'a;b\r\n');
  });

  it('keeps a SIRET or a numeric code as text for Excel (never 1,23E+13), with a formula that only quotes', () => {
    assert.equal(csvTextCell('73282932000074'), '"=""73282932000074"""');
    assert.equal(csvTextCell('007'), '"=""007"""');
    assert.equal(csvTextCell('C-007'), 'C-007');
    assert.equal(csvTextCell('=1+1'), "'=1+1");
    assert.equal(csvTextCell(''), '');
  });

  it('neutralises a formula behind a full-width sign or bidi and invisible characters', () => {
    assert.equal(csvCell('\uff1dHYPERLINK("http://x")'), `"'\uff1dHYPERLINK(""http://x"")"`);
    assert.equal(csvCell('\uff0b1'), "'\uff0b1");
    assert.equal(csvCell('\u202e=1+1'), "'\u202e=1+1");
    assert.equal(csvCell('\u200b\u2066@cmd'), "'\u200b\u2066@cmd");
    assert.equal(csvCell('a\u202e=b'), 'a\u202e=b', 'only at the start of a cell');
  });
});

describe('GET /api/erp-sync/contracts.csv', () => {
  it('is a French-Excel CSV of every page of the filter', async () => {
    const { app, store } = setup();
    const res = await app.request('/api/erp-sync/contracts.csv', { headers: await auth() });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('Content-Type') ?? '', /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('Content-Disposition'), 'attachment; filename="erp-sync-integres-2026-01-15.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    assert.doesNotMatch(text, /[^\r]\n/, 'every line ends with CRLF');
    const rows = parse(text);
    assert.deepEqual(rows[0], [...contractFields.map((f) => fieldLabels.fr[f]), 'Depuis le', 'Version valide sur la plateforme', 'Motifs']);
    assert.equal(rows.length, 1 + BULK + 2);
    assert.ok(rows.every((r) => r.length === contractFields.length + 3));
    // paged through the store PAGE_MAX at a time
    assert.deepEqual(
      store.listCalls.map((f) => [f.limit, f.offset]),
      [
        [PAGE_MAX, 0],
        [PAGE_MAX, PAGE_MAX],
        [PAGE_MAX, 2 * PAGE_MAX],
      ],
    );
    const col = (f: (typeof contractFields)[number]) => contractFields.indexOf(f);
    const hyper = rows.find((r) => r[0] === 'C-HYPER');
    assert.ok(hyper);
    assert.equal(hyper[col('nomApprenant')], `'=HYPERLINK("http://evil.example","clic")`);
    assert.equal(hyper[col('prenomApprenant')], "'+33612345678");
    // Ready for Excel: French dates, since when, a valid version on the platform.
    assert.equal(hyper[col('dateDebut')], '01/09/2025');
    assert.equal(hyper[contractFields.length], '14/01/2026');
    assert.equal(hyper[contractFields.length + 1], 'oui');
    const quoted = rows.find((r) => r[0] === 'C-QUOTE');
    assert.ok(quoted);
    assert.equal(quoted[col('nomApprenant')], 'Martin; "Le Grand"');
    assert.equal(quoted[col('prenomApprenant')], "'@home");
    assert.equal(quoted[col('nomEntreprise')], "'-5 SARL\r\nLigne 2");
  });

  it('rejected contracts carry their reasons in words joined by " | "; English labels with lang=en', async () => {
    const { app } = setup();
    const fr = await app.request('/api/erp-sync/contracts.csv?status=rejected', { headers: await auth() });
    assert.match(fr.headers.get('Content-Disposition') ?? '', /erp-sync-non-integres-2026-01-15\.csv/);
    const frRows = parse((await fr.text()).replace(/^\uFEFF/, ''));
    assert.equal(frRows.length, 2);
    const motifs = frRows[1].at(-1) ?? '';
    assert.match(motifs, /^Entreprise manquante.* \| Email de l’apprenant invalide/);
    const en = await app.request('/api/erp-sync/contracts.csv?status=rejected&lang=en', { headers: await auth() });
    const enRows = parse((await en.text()).replace(/^\uFEFF/, ''));
    assert.equal(enRows[0][0], 'Contract code');
    assert.equal(enRows[0].at(-1), 'Reasons');
    assert.match(enRows[1].at(-1) ?? '', /^Employer missing/);
  });

  it('the file is dated in Europe/Paris', async () => {
    const late = new Date('2026-01-15T23:30:00.000Z');
    const { app } = setup({ now: () => late });
    const headers = bearer(await signAdminToken(SECRET, { org: ORG_A.id, now: late }));
    const res = await app.request('/api/erp-sync/contracts.csv?status=rejected', { headers });
    assert.match(res.headers.get('Content-Disposition') ?? '', /erp-sync-non-integres-2026-01-16\.csv/);
  });

  it('the file name says the status, the filter and the day', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/contracts.csv?status=rejected&reason=EMPLOYER_MISSING&q=L%C3%A9a%20Durand', {
      headers: await auth(),
    });
    assert.match(
      res.headers.get('Content-Disposition') ?? '',
      /"erp-sync-non-integres-motif-EMPLOYER_MISSING-recherche-lea-durand-2026-01-15\.csv"/,
    );
  });

  it('an empty filter still gives the header row', async () => {
    const { app } = setup();
    const res = await app.request('/api/erp-sync/contracts.csv?status=archived', { headers: await auth() });
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''));
    assert.equal(rows.length, 1);
  });

  it('400 on a bad filter, 401 without a token', async () => {
    const { app } = setup();
    assert.equal((await app.request('/api/erp-sync/contracts.csv?status=x', { headers: await auth() })).status, 400);
    assert.equal((await app.request('/api/erp-sync/contracts.csv')).status, 401);
  });

  it('a store failure before the first byte is a logged 500', async () => {
    const { app, store, errors } = setup();
    store.failWith = new Error('disk I/O error at /var/lib/x.db');
    const res = await app.request('/api/erp-sync/contracts.csv', { headers: await auth() });
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: { code: 'INTERNAL', message: 'Erreur interne' } });
    assert.equal(errors.length, 1);
  });
});
