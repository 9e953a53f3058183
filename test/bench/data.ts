/**
 * The bench's data: the fake ERP's first day at N contracts, then days derived from it with the
 * issue's proportions (2 % of contracts changed, 0.5 % added, 0.5 % removed), deterministic.
 */
import type { ErpContract } from '../../mock-api/fake-erp/index.ts';
import { generateErp } from '../../mock-api/fake-erp/index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The first day of a fake ERP of `n` contracts. */
export function firstDay(n: number): ErpContract[] {
  return generateErp({ seed: 42, contracts: n, days: 1, startDate: '2026-11-01' }).snapshot(0);
}

/** The next day: 2 % changed (a tutor's email, a company renamed), 0.5 % removed, 0.5 % added. */
export function nextDay(day: readonly ErpContract[], seed: number): ErpContract[] {
  const r = rng(seed);
  const out: ErpContract[] = [];
  for (const c of day) {
    const x = r();
    if (x < 0.005) continue;
    if (x < 0.025) {
      out.push(
        r() < 0.5
          ? { ...c, emailMaitreApprentissage: `nouveau.${seed}.${c.codeContrat.toLowerCase()}@entreprise.fr` }
          : { ...c, nomEntreprise: `${c.nomEntreprise ?? ''} (renommée ${seed})` },
      );
      continue;
    }
    out.push(c);
  }
  const added = Math.round(day.length * 0.005);
  for (let i = 0; i < added; i++) {
    const model = day[Math.floor(r() * day.length)];
    const tag = `${seed}${String(i).padStart(6, '0')}`;
    out.push({
      ...model,
      codeContrat: `N${tag}`,
      codeApprenant: `NA${tag}`,
      emailApprenant: `nouvel.apprenant.${tag}@exemple.fr`,
      codeMaitreApprentissage: `NM${tag}`,
      emailMaitreApprentissage: `nouveau.tuteur.${tag}@entreprise.fr`,
    });
  }
  return out;
}

/** A million contracts (or any multiple) from a smaller day: copies with codes and people made unique. */
export function* replicated(day: readonly ErpContract[], copies: number): Iterable<ErpContract> {
  for (let k = 0; k < copies; k++) {
    for (const c of day) {
      if (k === 0) {
        yield c;
        continue;
      }
      const u = (v: string | undefined) => (v ? `${v}-${k}` : v);
      const e = (v: string | undefined) => (v ? v.replace('@', `.${k}@`) : v);
      yield {
        ...c,
        codeContrat: `${c.codeContrat}-${k}`,
        codeApprenant: u(c.codeApprenant),
        emailApprenant: e(c.emailApprenant),
        codeMaitreApprentissage: u(c.codeMaitreApprentissage),
        emailMaitreApprentissage: e(c.emailMaitreApprentissage),
        codePersonnel: u(c.codePersonnel),
        emailPersonnel: e(c.emailPersonnel),
      };
    }
  }
}
