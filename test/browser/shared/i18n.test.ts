import { expect } from '@open-wc/testing';
import { type reason, reasonCodes } from '../../../contract/index.ts';
import { ApiError, createApiClient } from '../../../widget/shared/api-client.ts';
import { approvalEn } from '../../../widget/shared/i18n/approval-en.ts';
import { approvalFr } from '../../../widget/shared/i18n/approval-fr.ts';
import { changesEn } from '../../../widget/shared/i18n/changes-en.ts';
import { changesFr } from '../../../widget/shared/i18n/changes-fr.ts';
import { en } from '../../../widget/shared/i18n/en.ts';
import { failureEn } from '../../../widget/shared/i18n/failure-en.ts';
import { failureFr } from '../../../widget/shared/i18n/failure-fr.ts';
import { fr } from '../../../widget/shared/i18n/fr.ts';
import { french, loadLocalizer, Localizer, localizerFor, toLang } from '../../../widget/shared/i18n/localize.ts';
import { progressEn } from '../../../widget/shared/i18n/progress-en.ts';
import { progressFr } from '../../../widget/shared/i18n/progress-fr.ts';
import { trendEn } from '../../../widget/shared/i18n/trend-en.ts';
import { trendFr } from '../../../widget/shared/i18n/trend-fr.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('i18n', () => {
  const frLoc = french;
  let enLoc: Localizer;

  before(async () => {
    enLoc = await loadLocalizer('en-GB');
    // French reason sentences come with the schemas, i.e. with the first response read (each
    // test file runs in its own page: nothing was fetched before this).
    const r = { code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' } as const;
    expect(french.reason(r)).to.equal('Entreprise manquante', 'before any response: the short label stands in');
    const client = createApiClient({
      token: 't',
      fetch: async () => Response.json({ error: { code: 'NOT_FOUND', message: 'x' } }, { status: 404 }),
    });
    await client.summary().catch(() => undefined);
  });

  it('defaults to French and maps region tags', () => {
    expect(toLang(undefined)).to.equal('fr');
    expect(toLang('de')).to.equal('fr');
    expect(toLang('en-US')).to.equal('en');
    expect(localizerFor('fr')).to.equal(frLoc);
    expect(localizerFor('de')).to.equal(frLoc);
    expect(new Localizer(en).t).to.equal(en);
  });

  it('loads English once, on demand, and shares it', async () => {
    expect(enLoc.t).to.deep.equal(en);
    expect(localizerFor('en')).to.equal(enLoc);
    expect(await loadLocalizer('en')).to.equal(enLoc);
  });

  it('says ordinals and where a record came from', () => {
    expect(frLoc.ordinal(1)).to.equal('1re');
    expect(frLoc.ordinal(2)).to.equal('2e');
    expect(enLoc.ordinal(1)).to.equal('1st');
    expect(enLoc.ordinal(2)).to.equal('2nd');
    expect(enLoc.ordinal(3)).to.equal('3rd');
    expect(enLoc.ordinal(11)).to.equal('11th');
    expect(enLoc.ordinal(22)).to.equal('22nd');
  });

  it('formats numbers with the language grouping', () => {
    expect(nbsp(frLoc.number(18240))).to.equal('18 240');
    expect(enLoc.number(18240)).to.equal('18,240');
  });

  it('formats page ranges', () => {
    expect(nbsp(frLoc.range(0, 50, 18240))).to.equal('1–50 sur 18 240');
    expect(enLoc.range(0, 50, 18240)).to.equal('1–50 of 18,240');
    expect(nbsp(frLoc.range(18200, 40, 18240))).to.equal('18 201–18 240 sur 18 240');
    expect(frLoc.range(0, 0, 0)).to.equal('0–0 sur 0');
  });

  it('shows contract days as dd/mm/yyyy without any time-zone shift', () => {
    expect(frLoc.date('2025-09-01')).to.equal('01/09/2025');
    expect(enLoc.date('2025-09-01')).to.equal('01/09/2025');
    expect(frLoc.date('')).to.equal('');
    expect(frLoc.date('31/02/2025?')).to.equal('31/02/2025?');
  });

  it('shows instants in Paris time, winter and summer', () => {
    // 23:30Z on 31 Dec is already the 1st of January in Paris (UTC+1).
    expect(frLoc.date('2025-12-31T23:30:00Z')).to.equal('01/01/2026');
    expect(frLoc.time('2025-12-31T23:30:00Z')).to.equal('00:30');
    // Summer time: UTC+2.
    expect(frLoc.time('2026-07-14T08:05:00Z')).to.equal('10:05');
    expect(frLoc.time('not a date')).to.equal('');
  });

  it('picks plural forms by language rules (French: 0 and 1 are singular)', () => {
    expect(frLoc.count(0, fr.contracts)).to.equal('0 contrat');
    expect(frLoc.count(1, fr.contracts)).to.equal('1 contrat');
    expect(nbsp(frLoc.count(1500, fr.contracts))).to.equal('1 500 contrats');
    expect(enLoc.count(0, en.contracts)).to.equal('0 contracts');
    expect(enLoc.count(1, en.contracts)).to.equal('1 contract');
  });

  it('takes field labels, reason labels and messages from the contract module', () => {
    expect(frLoc.field('nomEntreprise')).to.equal('Entreprise');
    expect(enLoc.field('nomEntreprise')).to.equal('Employer');
    expect(frLoc.field('Colonne ERP')).to.equal('Colonne ERP');
    expect(frLoc.reasonLabel('EMPLOYER_MISSING')).to.equal('Entreprise manquante');
    const r = { code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' } as const;
    expect(nbsp(frLoc.reason(r))).to.equal('Entreprise manquante : renseignez « Entreprise » (nomEntreprise) dans l’ERP.');
    expect(enLoc.reason(r)).to.equal('Employer missing: fill in "Employer" (nomEntreprise) in the ERP.');
    for (const code of reasonCodes) expect(enLoc.reasonLabel(code)).to.be.a('string').and.not.equal('');
  });

  it('reasons say what to fix in words first, the ERP field in parentheses, dates as dd/mm/yyyy', () => {
    const email = { code: 'TUTOR_EMAIL_MISSING', field: 'emailMaitreApprentissage', value: '' } as const;
    expect(nbsp(frLoc.reason(email))).to.equal(
      'Email du maître d’apprentissage manquant : renseignez l’email du maître d’apprentissage (emailMaitreApprentissage) dans l’ERP.',
    );
    expect(enLoc.reason(email)).to.equal(
      'Company tutor email missing: fill in the company tutor’s email (emailMaitreApprentissage) in the ERP.',
    );
    const dates = { code: 'DATES_INCOHERENT', field: 'dateFin', value: '2025-09-01 → 2025-08-31' } as const;
    expect(nbsp(frLoc.reason(dates))).to.equal(
      'La fin du contrat précède son début (début le 01/09/2025, fin le 31/08/2025) : corrigez la date de début ou de fin du contrat (dateFin) dans l’ERP.',
    );
    expect(enLoc.reason(dates)).to.include('(starts 01/09/2025, ends 31/08/2025)');
    // A date reason never shows an ISO day, even for a value the ERP sent that way.
    for (const code of ['DATE_INVALID', 'DATES_INCOHERENT'] as const) {
      for (const loc of [frLoc, enLoc]) {
        const sentence = loc.reason({ code, field: 'dateDebut', value: '2025-02-31' });
        expect(sentence, code).to.not.match(/\d{4}-\d{2}-\d{2}/);
        expect(sentence, code).to.include('31/02/2025');
      }
    }
  });

  it('a conflict names the other party in words, one sentence per conflict', () => {
    const conflict = {
      code: 'EMAIL_CONFLICT',
      field: 'emailApprenant',
      value: 'anais.aubert645@outlook.fr',
      detail: '2025-000646: codeMaitreApprentissage M12 Valérie Guérin',
      others: [{ codeContrat: '2025-000646', role: 'tutor', name: 'Valérie Guérin' }],
    } satisfies reason;
    expect(nbsp(frLoc.reason(conflict))).to.equal(
      'L’email anais.aubert645@outlook.fr est aussi celui de Valérie Guérin (maître d’apprentissage, contrat 2025-000646) : une adresse par personne, corrigez-la (emailApprenant) dans l’ERP.',
    );
    const several = {
      code: 'CODE_CONFLICT',
      field: 'codeApprenant',
      value: 'A12',
      others: [
        { codeContrat: '2025-000001', role: 'learner', name: 'Léa Martin' },
        { codeContrat: '', role: 'schoolTutor', name: '' },
      ],
      more: 3,
    } satisfies reason;
    expect(nbsp(frLoc.reason(several))).to.equal(
      'Le code « A12 » est aussi celui de Léa Martin (apprenant, contrat 2025-000001), une personne sans nom (tuteur école, contrat sans code) et 3 autres personnes : un code par personne, corrigez-le (codeApprenant) dans l’ERP.',
    );
    // The technical one-line detail is not dumped into the sentence.
    expect(frLoc.reason(conflict)).to.not.include('codeMaitreApprentissage');
    expect(enLoc.reason(conflict)).to.equal(
      'The email anais.aubert645@outlook.fr is also that of Valérie Guérin (company tutor, contract 2025-000646): one address per person, fix it (emailApprenant) in the ERP.',
    );
  });

  it('puts errors into words', () => {
    expect(frLoc.error(new ApiError(0, 'NETWORK', 'x'))).to.equal(fr.errorNetwork);
    expect(frLoc.error(new ApiError(200, 'BAD_RESPONSE', 'x'))).to.equal(fr.errorBadResponse);
    expect(frLoc.error(new ApiError(401, 'UNAUTHORIZED', 'x'))).to.equal(fr.unauthorizedBody);
    expect(frLoc.error(new ApiError(403, 'FORBIDDEN', 'x'))).to.equal(fr.forbiddenBody);
    expect(frLoc.error(new ApiError(500, 'INTERNAL', 'stack trace'))).to.equal(fr.errorServer);
    expect(frLoc.error(new TypeError('boom'))).to.equal(fr.errorNetwork);
  });

  it("translates known API error codes instead of showing the server's French message", () => {
    const cases: [number, string, keyof typeof en][] = [
      [409, 'RUN_NOT_HELD', 'errorRunNotHeld'],
      [409, 'NOT_RUNNABLE', 'errorNotRunnable'],
      [409, 'RUN_IN_PROGRESS', 'errorRunInProgress'],
      [500, 'RUN_FAILED', 'errorRunFailed'],
      [401, 'TOKEN_EXPIRED', 'unauthorizedBody'],
      [401, 'SOMETHING', 'unauthorizedBody'],
      [403, 'FORBIDDEN', 'forbiddenBody'],
      [404, 'NOT_FOUND', 'errorNotFound'],
      [409, 'CONFLICT', 'errorConflict'],
      [400, 'INVALID_PARAMETER', 'errorBadRequest'],
      [500, 'INTERNAL', 'errorServer'],
      [0, 'NETWORK', 'errorNetwork'],
      [200, 'BAD_RESPONSE', 'errorBadResponse'],
    ];
    for (const [status, code, key] of cases) {
      const french = 'Un import est déjà en cours pour cette organisation.';
      expect(enLoc.error(new ApiError(status, code, french)), code).to.equal(en[key]);
      expect(frLoc.error(new ApiError(status, code, french)), code).to.equal(fr[key]);
    }
  });

  // Every French string's typography is checked by test/node/i18n/french-typography.test.ts.
  it('puts French spaces and plurals where the words meet numbers', () => {
    expect(fr.emptyForSearch('zz')).to.equal('Aucun contrat ne correspond à «\u202fzz\u202f».');
    expect(fr.pagerLabel('T')).to.equal('Pagination\u202f: T');
    expect(approvalFr.runHeld(frLoc.count(1, fr.contracts), '10')).to.include('archiverait 1 contrat sur 10');
    expect(nbsp(approvalFr.runHeld(frLoc.count(1234, fr.contracts), '10'))).to.include('archiverait 1 234 contrats sur 10');
  });

  it('has every key in both languages', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k]));
    // Ordinal suffixes follow each language's own categories (English has two and few). English
    // brings its reason sentences with it; French ones come with the schemas (reason-templates.ts).
    const shared = (o: object) => keys(o).filter((k) => !k.startsWith('ordinalSuffixes.') && !k.startsWith('wording.reasonTemplates.'));
    expect(shared(en).sort()).to.deep.equal(shared(fr).sort());
    // The words of the pieces loaded on demand, too.
    for (const [english, french] of [
      [approvalEn, approvalFr],
      [changesEn, changesFr],
      [progressEn, progressFr],
      [failureEn, failureFr],
      [trendEn, trendFr],
    ] as const) {
      expect(keys(english).sort()).to.deep.equal(keys(french).sort());
    }
  });
});
