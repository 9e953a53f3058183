/** The words of notification e-mails, French first (the product's language), English by setting. */
import type { lang, runSource } from '../../contract/index.ts';

export interface Texts {
  subject: { rejected(org: string, n: string): string; held(org: string): string; failed(org: string): string };
  digestSubject(org: string, n: number): string;
  hello: string;
  intro: { rejected(n: string): string; held: string; failed: string };
  runLine(date: string, source: string): string;
  sources: Record<runSource, string>;
  counts: { received: string; integrated: string; rejected: string; added: string; updated: string; archived: string; fixed: string };
  held: {
    removal(wouldArchive: string, integrated: string, ratio: string): string;
    update(ratio: string, fields: string): string;
    truncated(received: string, previous: string): string;
    nothingApplied: string;
  };
  failed(error: string): string;
  topReasons: string;
  link: string;
  noLink: string;
  digestIntro(n: number): string;
  signature: string;
}

export const texts: Record<lang, Texts> = {
  fr: {
    subject: {
      rejected: (org, n) => `[Synchro ERP] ${org} : ${n} contrat(s) nouvellement non intégré(s)`,
      held: (org) => `[Synchro ERP] ${org} : un import attend votre validation`,
      failed: (org) => `[Synchro ERP] ${org} : l’import a échoué`,
    },
    digestSubject: (org, n) => `[Synchro ERP] ${org} : ${n} import(s) à vérifier`,
    hello: 'Bonjour,',
    intro: {
      rejected: (n) => `${n} contrat(s) reçu(s) de l’ERP ne sont plus ou pas intégrés : corrigez-les dans l’ERP.`,
      held: 'Un import a été retenu par un garde-fou : il modifierait anormalement les contrats intégrés.',
      failed: 'Un import a échoué : les données de la plateforme sont inchangées.',
    },
    runLine: (date, source) => `Import du ${date} (source : ${source}).`,
    sources: { push: 'API (push)', csv: 'fichier CSV', pull: 'API de l’ERP (pull)' },
    counts: {
      received: 'Contrats reçus',
      integrated: 'Intégrés',
      rejected: 'Non intégrés',
      added: 'Ajoutés',
      updated: 'Modifiés',
      archived: 'Archivés',
      fixed: 'Corrigés',
    },
    held: {
      removal: (w, i, r) => `Il archiverait ${w} des ${i} contrats intégrés (seuil : ${r}).`,
      update: (r, f) => `Il modifierait un même champ sur plus de ${r} des contrats intégrés : ${f}.`,
      truncated: (n, p) => `Le fichier semble tronqué : ${n} contrats reçus contre ${p} la dernière fois.`,
      nothingApplied:
        'Rien n’a été appliqué. Vérifiez l’export de l’ERP, puis approuvez l’import depuis la page Synchro ERP, ou laissez le prochain import le remplacer.',
    },
    failed: (e) => `Erreur : ${e}`,
    topReasons: 'Motifs les plus fréquents des contrats non intégrés :',
    link: 'Voir le détail sur la page Synchro ERP :',
    noLink: 'Le détail est sur la page Synchro ERP (Configuration › Administration › Synchro ERP).',
    digestIntro: (n) => `Résumé des dernières 24 heures : ${n} import(s) demandent votre attention.`,
    signature: '— Synchro ERP',
  },
  en: {
    subject: {
      rejected: (org, n) => `[ERP sync] ${org}: ${n} contract(s) newly not integrated`,
      held: (org) => `[ERP sync] ${org}: an import awaits your approval`,
      failed: (org) => `[ERP sync] ${org}: the import failed`,
    },
    digestSubject: (org, n) => `[ERP sync] ${org}: ${n} import(s) to check`,
    hello: 'Hello,',
    intro: {
      rejected: (n) => `${n} contract(s) received from the ERP are newly not integrated: fix them in the ERP.`,
      held: 'An import was held by a guard: it would change the integrated contracts abnormally.',
      failed: 'An import failed: the platform’s data is unchanged.',
    },
    runLine: (date, source) => `Import of ${date} (source: ${source}).`,
    sources: { push: 'API (push)', csv: 'CSV file', pull: 'ERP API (pull)' },
    counts: {
      received: 'Contracts received',
      integrated: 'Integrated',
      rejected: 'Not integrated',
      added: 'Added',
      updated: 'Updated',
      archived: 'Archived',
      fixed: 'Fixed',
    },
    held: {
      removal: (w, i, r) => `It would archive ${w} of the ${i} integrated contracts (threshold: ${r}).`,
      update: (r, f) => `It would change one field on more than ${r} of the integrated contracts: ${f}.`,
      truncated: (n, p) => `The file looks cut short: ${n} contracts received against ${p} last time.`,
      nothingApplied:
        'Nothing was applied. Check the ERP export, then approve the import from the ERP sync page, or let the next import replace it.',
    },
    failed: (e) => `Error: ${e}`,
    topReasons: 'Most frequent reasons of the contracts not integrated:',
    link: 'See the details on the ERP sync page:',
    noLink: 'The details are on the ERP sync page (Configuration › Administration › ERP sync).',
    digestIntro: (n) => `Summary of the last 24 hours: ${n} import(s) need your attention.`,
    signature: '— ERP sync',
  },
};
