/**
 * French typography in every French string the product shows: the widgets' translations, and
 * the contract's field labels, reason labels and reason sentences (also served by the API and
 * written into CSV exports). A narrow no-break space (U+202F) goes before : ; ! ? and inside
 * « », apostrophes are curly (’), quotes are guillemets. Strings built by functions are checked
 * as rendered with sample values.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { reasonCodes } from '../../../contract/reasons.ts';
import { fr as contractFr } from '../../../contract/i18n/fr.ts';
import { reasonSentence } from '../../../contract/i18n/wording.ts';
import { approvalFr } from '../../../widget/shared/i18n/approval-fr.ts';
import { changesFr } from '../../../widget/shared/i18n/changes-fr.ts';
import { failureFr } from '../../../widget/shared/i18n/failure-fr.ts';
import { fr } from '../../../widget/shared/i18n/fr.ts';
import { progressFr } from '../../../widget/shared/i18n/progress-fr.ts';
import { trendFr } from '../../../widget/shared/i18n/trend-fr.ts';
import { NNBSP, typographyErrors } from '../support/french-typography.ts';

/** Every string in a table, with where it is; functions are called with sample words. */
function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (typeof value === 'function') yield [path, String(value('Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'))];
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${key}` : key);
  }
}

/** Every French string table, as [where, text]. */
function frenchStrings(): [string, string][] {
  const { wording, ...widget } = fr;
  const all = [
    ...strings(widget, 'widget'),
    // The approval dialog's words come with it (widget/data/approval.ts), not in `fr`.
    ...strings(approvalFr, 'approval'),
    // An opened day's changes and a contract's timeline: with them (widget/history/history-changes.ts).
    ...strings(changesFr, 'changes'),
    // A running run's progress and a failed run's words: with their pieces (widget/shared/pieces/).
    ...strings(progressFr, 'progress'),
    ...strings(failureFr, 'failure'),
    // The trend chart's words: with the chart (widget/history/trend.ts).
    ...strings(trendFr, 'trend'),
    ...strings(contractFr.fieldLabels, 'fieldLabels'),
    ...strings(contractFr.reasonLabels, 'reasonLabels'),
  ];
  // The widgets bundle the contract's own labels; its sentences come with the schemas.
  assert.equal(wording.fieldLabels, contractFr.fieldLabels, 'the widgets say the contract’s own French words');
  assert.equal(wording.reasonLabels, contractFr.reasonLabels, 'the widgets say the contract’s own French words');
  for (const code of reasonCodes) {
    for (const sample of [
      { code, field: 'emailApprenant', value: 'helene@exemple' },
      { code, field: 'dateDebut', value: '31/02/2025', detail: 'ligne 12' },
      { code, field: 'Colonne ERP', value: '' },
    ]) {
      all.push([`reason ${code} ${sample.field}`, reasonSentence(contractFr, sample)]);
    }
  }
  return all;
}

test('the checker itself: it sees each mistake, and passes correct French', () => {
  assert.deepEqual(typographyErrors(`Réessayez${NNBSP}; si le problème persiste${NNBSP}: «${NNBSP}x${NNBSP}» à 14:05`), []);
  assert.equal(typographyErrors('Pagination : T').length, 1);
  assert.equal(typographyErrors('Pagination: T').length, 1);
  assert.equal(typographyErrors('dans l\u0027ERP').length, 1);
  assert.equal(typographyErrors('« x »').length, 2);
  assert.equal(typographyErrors('Vraiment ?').length, 1);
});

test('every French string follows French typography', () => {
  const found = frenchStrings();
  assert.ok(found.length > 250, `only ${found.length} strings found: the walk misses tables`);
  const wrong = found.flatMap(([where, text]) => typographyErrors(text).map((e) => `${where}: ${e}\n    ${JSON.stringify(text)}`));
  assert.deepEqual(wrong, []);
});
