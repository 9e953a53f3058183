/** Shared setup for the engine tests: a real SQLite file in a temp folder, a config, records. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../server/config/load.ts';
import type { Config } from '../../../server/config/schema.ts';
import type { ReceivedRecord, Snapshot } from '../../../server/core/types.ts';
import { openProduct, type Product } from '../../../server/node/open-product.ts';
import type { RunInput } from '../../../server/runner/runner.ts';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

export type Flat = Record<string, string>;

let seq = 0;
/** A valid contract in the public sync API shape; `n` makes every person and code unique. */
export function contract(n: number, over: Flat = {}): Flat {
  const id = String(n).padStart(5, '0');
  return {
    codeContrat: `C${id}`,
    dateDebut: '01/09/2025',
    dateFin: '31/08/2027',
    nomEntreprise: `Entreprise ${id}`,
    codeGroupe: 'G-MCO1',
    nomGroupe: 'BTS MCO 1 Lyon',
    codeSite: 'LYON',
    nomSite: 'Lyon',
    codePeriode: '2025-2026',
    nomPeriode: '2025/2026',
    codeAnnee: 'A1',
    nomAnnee: '1ère année',
    codeFormation: 'BTSMCO',
    nomFormation: 'BTS MCO',
    codeApprenant: `APP${id}`,
    nomApprenant: `NOM${id}`,
    prenomApprenant: `Prénom${id}`,
    emailApprenant: `apprenant${id}@exemple.fr`,
    codePersonnel: 'PERS1',
    nomPersonnel: 'Martin',
    prenomPersonnel: 'Sophie',
    emailPersonnel: 'sophie.martin@cfa.fr',
    codeMaitreApprentissage: `MA${id}`,
    nomMaitreApprentissage: `TUTEUR${id}`,
    prenomMaitreApprentissage: 'Paul',
    emailMaitreApprentissage: `tuteur${id}@entreprise.fr`,
    ...over,
  };
}

export interface Env {
  dir: string;
  config: Config;
  product: Product;
  reopen(): Promise<Product>;
  cleanup(): Promise<void>;
}

export async function openEnv(orgs: Record<string, unknown>[] = [{ kind: 'push' }].map((source) => ({ source }))): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), `erp-sync-engine-${++seq}-`));
  const config = parseConfig({
    database: join(dir, 'erp-sync.sqlite'),
    auth: { jwtSecret: SECRET },
    organizations: orgs.map((o, i) => ({
      id: i === 0 ? 'cfa' : `cfa${i}`,
      name: `CFA ${i}`,
      erpToken: `erp-token-${i}-0123456789abcdef`,
      ...o,
    })),
  });
  const env: Env = {
    dir,
    config,
    product: await openProduct(config),
    async reopen() {
      await env.product.close();
      env.product = await openProduct(config);
      return env.product;
    },
    async cleanup() {
      await env.product.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** A snapshot already read, as the runner's input. */
export function snap(snapshot: Snapshot): RunInput {
  return { kind: 'snapshot', snapshot };
}

/** Every record a run received, in order. */
export async function receivedOf(product: Product, orgId: string, runId: string): Promise<ReceivedRecord[]> {
  const out: ReceivedRecord[] = [];
  for await (const b of product.store.readReceived(orgId, runId)) out.push(...b);
  return out;
}

/** The same contract in the Ypareo shape the pull source reads. */
export function ypareo(c: Flat) {
  return {
    codeContrat: c.codeContrat,
    dateDebut: c.dateDebut,
    dateFin: c.dateFin,
    entreprise: { raisonSociale: c.nomEntreprise },
    apprenant: { code: c.codeApprenant, nom: c.nomApprenant, prenom: c.prenomApprenant, email: c.emailApprenant },
    maitreApprentissage: {
      code: c.codeMaitreApprentissage,
      nom: c.nomMaitreApprentissage,
      prenom: c.prenomMaitreApprentissage,
      email: c.emailMaitreApprentissage,
    },
    tuteurEcole: { code: c.codePersonnel, nom: c.nomPersonnel, prenom: c.prenomPersonnel, email: c.emailPersonnel },
    site: { code: c.codeSite, nom: c.nomSite },
    periode: { code: c.codePeriode, nom: c.nomPeriode },
    formation: { code: c.codeFormation, nom: c.nomFormation },
    annee: { code: c.codeAnnee, nom: c.nomAnnee },
    groupe: { code: c.codeGroupe, nom: c.nomGroupe },
  };
}
