import type { ChangesTranslations } from './translations.ts';

/** An opened day's changes and a contract's timeline, in English (see changes-fr.ts). */
export const changesEn: ChangesTranslations = {
  changeAt: (time) => `at ${time}`,
  contractCode: (code) => `contract ${code}`,

  fieldColumn: 'Field',
  beforeColumn: 'Old value',
  afterColumn: 'New value',
  diffCaption: (name) => `Changed fields of ${name}’s contract`,
  addedHeading: (name) => `Data of ${name}’s added contract`,
  archivedHeading: (name) => `Data of ${name}’s archived contract`,
  reasonsAppeared: 'Rejection reasons that appeared:',
  reasonsFixed: 'Reasons fixed:',
  noDetail: 'No details recorded.',

  showTimeline: 'Whole history of this contract',
  timelineHeading: (name, code) => `History of ${name}’s contract (${code})`,
  timelineHeadingNoName: (code) => `History of contract ${code}`,
  timelineTitle: 'Contract history',
  timelineBack: 'Back to the whole history',
  timelineEmpty: 'No change recorded for this contract.',
};
