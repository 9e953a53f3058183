import { encodeWindows1252 } from '../../server/sources/csv/windows-1252.ts';
/**
 * A realistic French ERP CSV export of the fake ERP's contracts, and the mapping matrix that
 * reads it back: preamble line, `;`, CRLF, accented headers, one header ("Email") used twice,
 * quoted cells for `;`, quotes and line breaks. Browser-safe: bytes are built by hand
 * (TextEncoder only speaks UTF-8).
 */
import type { contractField } from '../../contract/index.ts';
import { toFr } from './dates.ts';
import type { ErpContract } from './types.ts';

export type CsvEncoding = 'utf-8-bom' | 'windows-1252';

/** Column header -> field, in export order. A repeated header is addressed `Header#2` in the mapping. */
const columns: readonly (readonly [string, contractField])[] = [
  ['N° contrat', 'codeContrat'],
  ['Date début contrat', 'dateDebut'],
  ['Date fin contrat', 'dateFin'],
  ['Date de rupture', 'dateResiliation'],
  ['Raison sociale', 'nomEntreprise'],
  ['SIRET', 'siretEntreprise'],
  ['Code site', 'codeSite'],
  ['Site', 'nomSite'],
  ['Code marque', 'codeMarque'],
  ['Marque', 'nomMarque'],
  ['Code période', 'codePeriode'],
  ['Période', 'nomPeriode'],
  ['Code formation', 'codeFormation'],
  ['Formation', 'nomFormation'],
  ['Code RNCP', 'rncp'],
  ['Code année', 'codeAnnee'],
  ['Année', 'nomAnnee'],
  ['Code groupe', 'codeGroupe'],
  ['Groupe', 'nomGroupe'],
  ["Mois d'entrée", 'monthStartGroup'],
  ['Code apprenant', 'codeApprenant'],
  ['Nom apprenant', 'nomApprenant'],
  ['Prénom apprenant', 'prenomApprenant'],
  ['Email', 'emailApprenant'],
  ['Code tuteur entreprise', 'codeMaitreApprentissage'],
  ['Nom tuteur entreprise', 'nomMaitreApprentissage'],
  ['Prénom tuteur entreprise', 'prenomMaitreApprentissage'],
  ['Email tuteur entreprise', 'emailMaitreApprentissage'],
  ['Code formateur référent', 'codePersonnel'],
  ['Nom formateur référent', 'nomPersonnel'],
  ['Prénom formateur référent', 'prenomPersonnel'],
  ['Email', 'emailPersonnel'],
  ['Intitulé mission', 'missionTitle'],
  ['Détails mission', 'missionDetails'],
];

export const csvHeaders: readonly string[] = columns.map(([h]) => h);

/** The mapping matrix for this export (config `source.mapping`). */
export const csvMapping: Record<string, contractField> = (() => {
  const seen = new Map<string, number>();
  const out: Record<string, contractField> = {};
  for (const [header, field] of columns) {
    const n = (seen.get(header) ?? 0) + 1;
    seen.set(header, n);
    out[n === 1 ? header : `${header}#${n}`] = field;
  }
  return out;
})();

function cell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Text of the export (CRLF, `;`), without encoding. `date` (YYYY-MM-DD) dates the preamble. */
export function toCsvText(contracts: readonly ErpContract[], date: string): string {
  const lines = [`Export ERP du ${toFr(date)} - Contrats d'apprentissage actifs`, csvHeaders.map(cell).join(';')];
  for (const c of contracts) lines.push(columns.map(([, f]) => cell(c[f] ?? '')).join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

export { encodeWindows1252 };

export function toCsv(contracts: readonly ErpContract[], opts: { encoding: CsvEncoding; date?: string }): Uint8Array {
  const text = toCsvText(contracts, opts.date ?? '2025-09-01');
  if (opts.encoding === 'windows-1252') return encodeWindows1252(text);
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
