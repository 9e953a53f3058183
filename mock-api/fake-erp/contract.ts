/**
 * How one contract of the fake ERP is built, edited and damaged. Every function is pure:
 * (seed, index, salt) -> the same strings every time, so a day is re-derived instead of stored.
 */
import { addDays, fromFr, toFr } from './dates.ts';
import {
  annees,
  cfaMailDomain,
  chains,
  firstNames,
  fixedEmployers,
  formations,
  hostileLearners,
  lastNames,
  learnerMailDomains,
  legalForms,
  marques,
  missions,
  periode,
  sites,
  slug,
  trades,
  type Family,
  type Formation,
} from './names.ts';
import { Rng, hashString, mix } from './random.ts';
import type { DefectKind, EditKind, ErpContract } from './types.ts';

interface Person {
  code: string;
  nom: string;
  prenom: string;
  email: string;
}

/** What every contract of one fake ERP shares: its seed and the CFA's staff. */
export interface ErpContext {
  seed: number;
  /** School tutors (personnel) by site code. */
  staff: Map<string, Person[]>;
  /** Learner indices that carry a hostile name, and which one. */
  hostile: Map<number, number>;
}

const STAFF_PER_SITE = 12;

export function createContext(seed: number, hostileIndices: readonly number[]): ErpContext {
  const rng = new Rng(mix(seed, 0x57aff));
  const staff = new Map<string, Person[]>();
  const used = new Set<string>();
  for (const site of sites) {
    const people: Person[] = [];
    for (let k = 1; k <= STAFF_PER_SITE; k++) {
      const prenom = rng.pick(firstNames);
      const nom = rng.pick(lastNames);
      let local = `${slug(prenom)}.${slug(nom)}`;
      // One email = one account: a homonym among the staff gets a digit, as mail admins do.
      for (let n = 2; used.has(local); n++) local = `${slug(prenom)}.${slug(nom)}${n}`;
      used.add(local);
      people.push({
        code: `PER-${site.code}-${String(k).padStart(2, '0')}`,
        nom: nom.toUpperCase(),
        prenom,
        email: `${local}@${cfaMailDomain}`,
      });
    }
    staff.set(site.code, people);
  }
  return { seed, staff, hostile: new Map(hostileIndices.map((ix, k) => [ix, k % hostileLearners.length])) };
}

/** How many groups a site runs for a programme's year (2 or 3): fixed, so group edits stay known. */
export function groupCount(site: string, formation: Formation, year: string): number {
  return 2 + (hashString(`${site}|${formation.short}|${year}`) % 2);
}

export function groupOf(site: { code: string; nom: string }, f: Formation, year: string, k: number): { code: string; nom: string } {
  const label = f.nom.split(' - ')[0];
  return { code: `${site.code}-${f.short}-${year}-G${k}`, nom: `${label} ${year} ${site.nom} - Groupe ${k}` };
}

const formationWeights = formations.map((f) => [f, f.weight] as const);

/** An employer near the campus, fitting the programme ("Boulangerie Martin SARL", "Decathlon Bron"). */
function employer(rng: Rng, family: Family, siteIndex: number): { nom: string; domain: string } {
  const roll = rng.next();
  if (roll < 0.45) {
    const chain = rng.pick(chains[family]);
    return { nom: `${chain.nom} ${rng.pick(sites[siteIndex].areas)}`, domain: chain.domain };
  }
  if (roll < 0.6) {
    const nom = rng.pick(fixedEmployers[family]);
    return { nom, domain: `${slug(nom.replace(/ (SARL|SAS)$/, ''), '-')}.fr` };
  }
  const trade = rng.pick(trades[family]);
  const owner = rng.pick(lastNames);
  const nom = `${trade} ${owner} ${rng.pick(legalForms)}`.trim();
  return { nom, domain: `${slug(`${trade} ${owner}`, '-')}.fr` };
}

/** A SIRET is per establishment: derived from the name so the same employer keeps it. */
function siretOf(name: string): string {
  const rng = new Rng(hashString(name));
  return String(rng.between(1, 9)) + rng.digits(13);
}

/** ERPs often store last names in capitals, not always: both occur in one export. */
function lastNameCase(rng: Rng, nom: string): string {
  return rng.chance(0.35) ? nom.toUpperCase() : nom;
}

/** The contract as first entered in the ERP. `addedOn` is set for mid-year intakes. */
export function baseContract(ctx: ErpContext, index: number, addedOn: string | null): ErpContract {
  const rng = new Rng(mix(ctx.seed, index, 0xc0));
  const f = rng.weighted(formationWeights);
  const siteCode = rng.pick(f.sites);
  const siteIndex = sites.findIndex((s) => s.code === siteCode);
  const site = sites[siteIndex];
  const secondYear = addedOn === null && f.years === 2 && rng.chance(0.45);
  const annee = secondYear ? annees[1] : annees[0];
  const group = groupOf(site, f, annee.code, 1 + rng.int(groupCount(site.code, f, annee.code)));

  // Year-1 contracts start around the September intake, year-2 ones a year earlier;
  // an intake seen mid-year started a few days before it appeared in the ERP.
  const start = addedOn ? addDays(addedOn, -rng.int(8)) : addDays(secondYear ? '2024-08-26' : '2025-08-26', rng.int(60));
  const startYear = Number(start.slice(0, 4));
  const end = `${startYear + (secondYear ? 2 : f.years)}-${rng.pick(['06-30', '07-31', '08-31', '08-31'])}`;

  const hostile = ctx.hostile.get(index);
  const learnerName =
    hostile === undefined ? { nom: lastNameCase(rng, rng.pick(lastNames)), prenom: rng.pick(firstNames) } : hostileLearners[hostile];
  const learnerEmail =
    hostile === undefined
      ? `${slug(learnerName.prenom)}.${slug(learnerName.nom)}${index}@${rng.pick(learnerMailDomains)}`
      : `apprenant.test${index}@example.org`;

  const company = employer(rng, f.family, siteIndex);
  const tutorPrenom = rng.pick(firstNames);
  const tutorNom = lastNameCase(rng, rng.pick(lastNames));
  const staff = ctx.staff.get(site.code) ?? [];
  const school = staff[rng.int(staff.length)];
  const marque = marques[f.family];
  const mission = rng.chance(0.7) ? rng.pick(missions[f.family]) : null;

  const c: ErpContract = {
    codeContrat: `${startYear}-${String(index + 1).padStart(6, '0')}`,
    dateDebut: toFr(start),
    dateFin: toFr(end),
    nomEntreprise: company.nom,
    codeGroupe: group.code,
    nomGroupe: group.nom,
    codeSite: site.code,
    nomSite: site.nom,
    codePeriode: periode.code,
    nomPeriode: periode.nom,
    codeAnnee: annee.code,
    nomAnnee: annee.nom,
    codeFormation: f.code,
    nomFormation: f.nom,
    codeApprenant: String(200_000 + index),
    nomApprenant: learnerName.nom,
    prenomApprenant: learnerName.prenom,
    emailApprenant: learnerEmail,
    codePersonnel: school.code,
    nomPersonnel: school.nom,
    prenomPersonnel: school.prenom,
    emailPersonnel: school.email,
    codeMaitreApprentissage: `T${300_000 + index}`,
    nomMaitreApprentissage: tutorNom,
    prenomMaitreApprentissage: tutorPrenom,
    emailMaitreApprentissage: `${slug(tutorPrenom)}.${slug(tutorNom)}${index}@${company.domain}`,
  };
  if (rng.chance(0.9)) c.siretEntreprise = siretOf(company.nom);
  if (marque) {
    c.codeMarque = marque.code;
    c.nomMarque = marque.nom;
  }
  if (mission) {
    c.missionTitle = mission.title;
    // Now and then a multi-line detail, as typed in the ERP's text area (CSV must quote it).
    c.missionDetails = rng.chance(0.05) ? mission.details.replace(' ; ', '\n') : mission.details;
  }
  if (rng.chance(0.8)) c.monthStartGroup = start.slice(5, 7);
  if (rng.chance(0.85)) c.rncp = f.rncp;
  return c;
}

function formationOf(c: ErpContract): Formation {
  return formations.find((f) => f.code === c.codeFormation) ?? formations[0];
}

function siteOf(c: ErpContract): { code: string; nom: string } {
  return sites.find((s) => s.code === c.codeSite) ?? sites[0];
}

function otherGroup(c: ErpContract, rng: Rng): { code: string; nom: string } {
  const f = formationOf(c);
  const year = c.codeAnnee ?? '1A';
  const n = groupCount(siteOf(c).code, f, year);
  const current = Number((c.codeGroupe ?? '').split('-G')[1] ?? '1');
  const k = ((current - 1 + 1 + rng.int(n - 1)) % n) + 1;
  return groupOf(siteOf(c), f, year, k);
}

/** A change typed in the ERP. `serial` is unique per event: it keeps new codes and emails unique. */
export function applyEdit(ctx: ErpContext, c: ErpContract, edit: EditKind, serial: number): void {
  const rng = new Rng(mix(ctx.seed, serial, 0xed17));
  switch (edit) {
    case 'tutorEmail': {
      // The tutor changed address (new employer domain or a personal mailbox); the local part stays unique.
      const local = (c.emailMaitreApprentissage ?? '').split('@')[0] || `tuteur${serial}`;
      const domain = rng.pick(['gmail.com', 'orange.fr', `groupe-${slug(c.nomEntreprise ?? 'entreprise', '-').slice(0, 20)}.fr`]);
      c.emailMaitreApprentissage = `${local}@${domain}`;
      return;
    }
    case 'group': {
      const g = otherGroup(c, rng);
      c.codeGroupe = g.code;
      c.nomGroupe = g.nom;
      return;
    }
    case 'companyRename': {
      const name = c.nomEntreprise ?? '';
      const form = legalForms.find((l) => l && name.endsWith(` ${l}`));
      c.nomEntreprise = form ? `${name.slice(0, -form.length - 1)} ${form === 'SAS' ? 'SARL' : 'SAS'}` : `${name} SAS`;
      return;
    }
    case 'endDate': {
      // An extension or an early end (repeated year, changed exam session).
      const shift = rng.chance(0.6) ? rng.between(30, 120) : -rng.between(30, 90);
      c.dateFin = toFr(addDays(fromFr(c.dateFin ?? '31/08/2026'), shift));
      return;
    }
    case 'tutorReplaced': {
      const prenom = rng.pick(firstNames);
      const nom = lastNameCase(rng, rng.pick(lastNames));
      const domain = (c.emailMaitreApprentissage ?? '').split('@')[1] || 'entreprise.fr';
      c.codeMaitreApprentissage = `T${2_000_000 + serial}`;
      c.prenomMaitreApprentissage = prenom;
      c.nomMaitreApprentissage = nom;
      c.emailMaitreApprentissage = `${slug(prenom)}.${slug(nom)}.t${serial}@${domain}`;
      return;
    }
    case 'schoolTutor': {
      const staff = ctx.staff.get(c.codeSite ?? '') ?? [];
      const p = staff[rng.int(staff.length)];
      c.codePersonnel = p.code;
      c.nomPersonnel = p.nom;
      c.prenomPersonnel = p.prenom;
      c.emailPersonnel = p.email;
      return;
    }
  }
}

/** Damages a contract the way ERP data entry does. Returns the rows the export carries (2 for a duplicate). */
export function applyDefect(ctx: ErpContext, c: ErpContract, defect: DefectKind, index: number): ErpContract[] {
  const rng = new Rng(mix(ctx.seed, index, 0xbad));
  const local = (c.emailMaitreApprentissage ?? 'jean.dupont@x').split('@')[0];
  switch (defect) {
    case 'employerMissing':
      c.nomEntreprise = '';
      delete c.siretEntreprise;
      break;
    case 'tutorEmailMissing':
      c.emailMaitreApprentissage = '';
      break;
    case 'tutorEmailInvalid':
      c.emailMaitreApprentissage = rng.pick([`${local}@`, `${local}.gmail.com`, `${local}@@orange.fr`]);
      break;
    case 'schoolTutorMissing':
      c.codePersonnel = '';
      c.nomPersonnel = '';
      c.prenomPersonnel = '';
      c.emailPersonnel = '';
      break;
    case 'groupBlank':
      c.codeGroupe = '';
      c.nomGroupe = '';
      break;
    case 'groupUnknown':
      c.codeGroupe = `${c.codeSite}-${formationOf(c).short}-${c.codeAnnee}-G9`;
      c.nomGroupe = `${c.nomGroupe?.replace(/Groupe \d+$/, '') ?? ''}Groupe 9 (à ouvrir)`;
      break;
    case 'datesIncoherent':
      c.dateFin = toFr(addDays(fromFr(c.dateDebut ?? '01/09/2025'), -rng.between(20, 300)));
      break;
    case 'rncpInvalid':
      c.rncp = rng.pick(['RNPC38362', 'RNCP383620', '38362-2023']);
      break;
    case 'siretInvalid':
      c.siretEntreprise = (c.siretEntreprise ?? siretOf(c.nomEntreprise ?? '')).slice(0, 13);
      break;
    case 'learnerEmailInvalid': {
      const [l, d] = (c.emailApprenant ?? 'a@b.fr').split('@');
      c.emailApprenant = rng.chance(0.5) ? `${l}.${d}` : `${l}@${d.replace('.', ',')}`;
      break;
    }
    case 'emailShared':
      // The learner's own address typed in the tutor's email field: two people, one email.
      c.emailMaitreApprentissage = c.emailApprenant;
      break;
    case 'duplicateCode': {
      // The export carries the contract twice: the old placement was not closed after a transfer.
      const dup: ErpContract = { ...c };
      const g = otherGroup(c, rng);
      dup.codeGroupe = g.code;
      dup.nomGroupe = g.nom;
      return [c, dup];
    }
  }
  return [c];
}
