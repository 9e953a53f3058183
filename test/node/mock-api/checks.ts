/**
 * An independent defect detector for fake-ERP snapshots, written from DOMAIN.md rather than
 * from the generator, so the tests measure what the generator really emits.
 */
import { requiredFields } from '../../../contract/index.ts';
import type { ErpContract } from '../../../mock-api/fake-erp/index.ts';

const email = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const toIso = (fr: string | undefined) => (fr ? `${fr.slice(6, 10)}-${fr.slice(3, 5)}-${fr.slice(0, 2)}` : '');

/** Problems of each contract code in a snapshot (codes with none are absent). */
export function defectsOf(contracts: readonly ErpContract[], knownGroups: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (code: string, p: string) => out.set(code, [...(out.get(code) ?? []), p]);
  const seen = new Map<string, number>();
  for (const c of contracts) seen.set(c.codeContrat, (seen.get(c.codeContrat) ?? 0) + 1);
  for (const c of contracts) {
    const code = c.codeContrat;
    for (const f of requiredFields) if (!c[f]) add(code, `missing:${f}`);
    for (const f of ['emailApprenant', 'emailPersonnel', 'emailMaitreApprentissage'] as const) {
      if (c[f] && !email.test(c[f] ?? '')) add(code, `email:${f}`);
    }
    if (c.emailMaitreApprentissage && c.emailMaitreApprentissage === c.emailApprenant) add(code, 'emailShared');
    if (toIso(c.dateFin) < toIso(c.dateDebut)) add(code, 'dates');
    if (c.rncp && !/^(RNCP)?\d{2,5}$/.test(c.rncp)) add(code, 'rncp');
    if (c.siretEntreprise && !/^\d{14}$/.test(c.siretEntreprise)) add(code, 'siret');
    if (c.codeGroupe && !knownGroups.has(c.codeGroupe)) add(code, 'groupUnknown');
    if ((seen.get(code) ?? 0) > 1) add(code, 'duplicate');
  }
  return out;
}

export function uniqueCodes(contracts: readonly ErpContract[]): number {
  return new Set(contracts.map((c) => c.codeContrat)).size;
}
