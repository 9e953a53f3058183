/**
 * The CSV export as the admin gets it from <erp-sync-data>, on the real app in MSW: ready for
 * French Excel (BOM, `;`), dates as dd/mm/yyyy, SIRET and codes kept as text, the "since" and
 * "valid version on the platform" columns, and a file name saying the status, the filter and the
 * date. The export event is taken over (preventDefault) to read the file.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/data/erp-sync-data.ts';
import type { ErpSyncData } from '../../../widget/data/erp-sync-data.component.ts';
import { useMockApi } from '../support/mock.ts';
import { root, section, waitForRows, waitUntil } from './helpers.ts';

const backend = useMockApi();

/** Splits a `;` CSV line, honouring quotes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

describe('<erp-sync-data> CSV export', () => {
  it('is ready for Excel: dd/mm/yyyy dates, SIRET as text, since and platform version columns, a telling file name', async () => {
    const list = await backend.client.contracts({ status: 'rejected', limit: 500 });
    const reason = list.reasonCounts.sort((a, b) => b.count - a.count)[0].code;
    const el = await fixture<ErpSyncData>(html`<erp-sync-data .token=${backend.mock.token}></erp-sync-data>`);
    await waitForRows(el, 'rejected');
    // Filtered by the most frequent reason, as an admin would before handing the list on.
    section(el, 'rejected').querySelector<HTMLButtonElement>(`button[data-reason="${reason}"]`)!.click();
    await waitUntil(() => section(el, 'rejected').querySelector(`button[data-reason="${reason}"][aria-pressed="true"]`), 'filtered');
    await waitForRows(el, 'rejected');
    el.addEventListener('erp-sync-export', (e) => e.preventDefault());
    const exported = oneEvent(el, 'erp-sync-export');
    root(el).querySelector<HTMLButtonElement>('button.export')!.click();
    const { blob, filename }: { blob: Blob; filename: string } = (await exported).detail;
    // Dated the day of the export, in Paris.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    expect(filename).to.equal(`erp-sync-non-integres-motif-${reason}-${today}.csv`);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)], 'a BOM, for Excel to read UTF-8').to.deep.equal([0xef, 0xbb, 0xbf]);
    // blob.text() decodes UTF-8 and drops the BOM.
    const text = await blob.text();
    const lines = text.split('\r\n').filter((l) => l !== '');
    const header = cells(lines[0]);
    expect(header).to.include.members(['Depuis le', 'Version valide sur la plateforme', 'Motifs', 'SIRET', 'Début du contrat']);
    const expected = await backend.client.contracts({ status: 'rejected', reason, limit: 500 });
    expect(lines.length - 1).to.equal(expected.total);
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    let numericSirets = 0;
    for (const line of lines.slice(1)) {
      const row = cells(line);
      for (const column of ['Depuis le', 'Début du contrat', 'Fin du contrat']) {
        const value = at(row, column);
        expect(value, column).to.not.match(/\d{4}-\d{2}-\d{2}/);
        if (value !== '' && /^\d/.test(value)) expect(value, column).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
      }
      const siret = at(row, 'SIRET');
      // Digits become a text formula Excel shows verbatim (never 1,23E+13).
      if (/^\d+$/.test(siret.replace(/^="|"$/g, ''))) {
        expect(siret).to.match(/^="\d+"$/);
        numericSirets += 1;
      }
      expect(['oui', 'non']).to.include(at(row, 'Version valide sur la plateforme'));
      expect(at(row, 'Motifs')).to.include('dans l’ERP');
    }
    expect(numericSirets, 'SIRETs checked').to.be.greaterThan(0);
  });
});
