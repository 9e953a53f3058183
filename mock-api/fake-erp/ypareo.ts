/**
 * The nested, Ypareo-style item the pull source reads (GET {url}?page&limit, X-Auth-Token).
 * Dates stay d/m/Y (zero-padded, the same text as DD/MM/YYYY); absent optional data is null,
 * as a REST API serialises it, rather than a missing key.
 */
import type { ErpContract } from './types.ts';

interface YPerson {
  code: string;
  nom: string;
  prenom: string;
  email: string;
}

export interface YpareoContrat {
  codeContrat: string;
  dateDebut: string;
  dateFin: string;
  dateResiliation: string | null;
  entreprise: { raisonSociale: string; siret: string | null };
  apprenant: YPerson;
  maitreApprentissage: YPerson;
  tuteurEcole: YPerson;
  site: { code: string; nom: string };
  marque: { code: string; nom: string } | null;
  periode: { code: string; nom: string };
  formation: { code: string; nom: string; rncp: string | null };
  annee: { code: string; nom: string };
  groupe: { code: string; nom: string };
  mission: { titre: string; details: string } | null;
  moisEntree: string | null;
}

const s = (v: string | undefined) => v ?? '';
const orNull = (v: string | undefined) => (v ? v : null);

export function toYpareo(c: ErpContract): YpareoContrat {
  return {
    codeContrat: c.codeContrat,
    dateDebut: s(c.dateDebut),
    dateFin: s(c.dateFin),
    dateResiliation: orNull(c.dateResiliation),
    entreprise: { raisonSociale: s(c.nomEntreprise), siret: orNull(c.siretEntreprise) },
    apprenant: { code: s(c.codeApprenant), nom: s(c.nomApprenant), prenom: s(c.prenomApprenant), email: s(c.emailApprenant) },
    maitreApprentissage: {
      code: s(c.codeMaitreApprentissage),
      nom: s(c.nomMaitreApprentissage),
      prenom: s(c.prenomMaitreApprentissage),
      email: s(c.emailMaitreApprentissage),
    },
    tuteurEcole: { code: s(c.codePersonnel), nom: s(c.nomPersonnel), prenom: s(c.prenomPersonnel), email: s(c.emailPersonnel) },
    site: { code: s(c.codeSite), nom: s(c.nomSite) },
    marque: c.codeMarque || c.nomMarque ? { code: s(c.codeMarque), nom: s(c.nomMarque) } : null,
    periode: { code: s(c.codePeriode), nom: s(c.nomPeriode) },
    formation: { code: s(c.codeFormation), nom: s(c.nomFormation), rncp: orNull(c.rncp) },
    annee: { code: s(c.codeAnnee), nom: s(c.nomAnnee) },
    groupe: { code: s(c.codeGroupe), nom: s(c.nomGroupe) },
    mission: c.missionTitle || c.missionDetails ? { titre: s(c.missionTitle), details: s(c.missionDetails) } : null,
    moisEntree: orNull(c.monthStartGroup),
  };
}

/**
 * Dot path -> field: the pull client's own mapping, re-exported rather than copied, so the items
 * above and what the product reads from them cannot drift apart (formats.test.ts checks both).
 */
export { ypareoMapping } from '../../server/sources/pull/ypareo.ts';
