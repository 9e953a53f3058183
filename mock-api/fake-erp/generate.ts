/**
 * The fake ERP: a population of contracts derived from (seed, index) plus a scripted list of
 * events (intakes, edits, fixes, breakages, departures). A day's snapshot is rebuilt from the
 * seed and the events up to that day, so 30 days of 20,000 contracts cost one event list,
 * not 30 copies.
 */
import { applyDefect, applyEdit, baseContract, createContext, groupCount, groupOf } from './contract.ts';
import { addDays, isIsoDate, toFr } from './dates.ts';
import { annees, formations, sites } from './names.ts';
import { Rng, mix } from './random.ts';
import type { DefectKind, EditKind, ErpContract, ErpEvent, FakeErp, FakeErpOptions } from './types.ts';

/** Rates per contract (per day for changes), tuned so 4–8 % of contracts carry a defect on any day. */
const RATES = {
  baseDefect: 0.06,
  intakeDefect: 0.12,
  intakesPerDay: 0.003,
  editsPerDay: 0.006,
  breaksPerDay: 0.002,
  departuresPerDay: 0.0012,
};

const initialDefects: readonly (readonly [DefectKind, number])[] = [
  ['tutorEmailMissing', 22],
  ['employerMissing', 12],
  ['tutorEmailInvalid', 12],
  ['schoolTutorMissing', 10],
  ['groupBlank', 8],
  ['groupUnknown', 5],
  ['datesIncoherent', 7],
  ['rncpInvalid', 6],
  ['siretInvalid', 5],
  ['learnerEmailInvalid', 6],
  ['emailShared', 5],
  ['duplicateCode', 2],
];

/** What breaks a valid contract overnight: mostly the tutor's email cleared by a careless edit. */
const breakDefects: readonly (readonly [DefectKind, number])[] = [
  ['tutorEmailMissing', 6],
  ['tutorEmailInvalid', 2],
  ['schoolTutorMissing', 1],
  ['emailShared', 1],
  ['duplicateCode', 1],
];

const edits: readonly (readonly [EditKind, number])[] = [
  ['tutorEmail', 3],
  ['group', 3],
  ['companyRename', 2],
  ['endDate', 2],
  ['tutorReplaced', 1],
  ['schoolTutor', 1],
];

/** Whether the base population's contract `index` was entered with a defect (pure: used by snapshot). */
function initialDefect(seed: number, index: number, intake: boolean): DefectKind | null {
  const rng = new Rng(mix(seed, index, 0xdef));
  return rng.chance(intake ? RATES.intakeDefect : RATES.baseDefect) ? rng.weighted(initialDefects) : null;
}

/** A count with the right mean: whole part plus a Bernoulli on the fraction. */
function countFor(rng: Rng, mean: number): number {
  const jittered = mean * (0.5 + rng.next());
  return Math.floor(jittered) + (rng.chance(jittered % 1) ? 1 : 0);
}

function hostileIndices(n: number): number[] {
  const picks = [Math.floor(n * 0.137), Math.floor(n * 0.5), Math.floor(n * 0.863)];
  return [...new Set(picks.filter((i) => i < n))];
}

export function generateErp(opts: FakeErpOptions): FakeErp {
  if (!isIsoDate(opts.startDate)) throw new RangeError(`startDate must be YYYY-MM-DD, got ${opts.startDate}`);
  if (opts.contracts < 0 || opts.days < 1) throw new RangeError('contracts >= 0 and days >= 1 expected');
  const seed = opts.seed >>> 0;
  const n0 = opts.contracts;
  const hostile = hostileIndices(n0);
  const ctx = createContext(seed, hostile);
  const protectedIx = new Set(hostile);

  // ---- script the events, day by day, tracking just enough state to pick plausible targets ----
  const rng = new Rng(mix(seed, 0xe7e));
  const events: ErpEvent[] = [];
  const intakeDay: number[] = []; // index - n0 -> day added
  const defect: (DefectKind | null)[] = [];
  const gone: boolean[] = [];
  const ended: boolean[] = [];
  for (let i = 0; i < n0; i++) {
    defect.push(protectedIx.has(i) ? null : initialDefect(seed, i, false));
    gone.push(false);
    ended.push(false);
  }
  const fixesDue = new Map<number, number[]>();
  let serial = 0;

  const scheduleFix = (index: number, from: number, p: number, min: number, max: number) => {
    if (!rng.chance(p)) return;
    const day = from + rng.between(min, max);
    if (day >= opts.days) return;
    const list = fixesDue.get(day) ?? [];
    list.push(index);
    fixesDue.set(day, list);
  };
  // Some of the defects present on day 0 get fixed by the CFA's admin; most linger, as in the field.
  for (let i = 0; i < n0; i++) if (defect[i]) scheduleFix(i, 0, 0.35, 2, 10);

  /** A random contract still in the ERP (rejection sampling: nearly all are). */
  const pickLive = (ok: (i: number) => boolean): number | null => {
    const size = defect.length;
    for (let attempt = 0; attempt < 20 && size > 0; attempt++) {
      const i = rng.int(size);
      if (!gone[i] && !protectedIx.has(i) && ok(i)) return i;
    }
    return null;
  };
  const push = (e: Omit<ErpEvent, 'salt'>) => events.push({ ...e, salt: serial++ });

  for (let day = 1; day < opts.days; day++) {
    for (const i of fixesDue.get(day) ?? []) {
      if (gone[i] || !defect[i]) continue;
      defect[i] = null;
      push({ day, index: i, kind: 'fix' });
    }
    for (let k = countFor(rng, n0 * RATES.intakesPerDay); k > 0; k--) {
      const i = defect.length;
      intakeDay.push(day);
      const d = initialDefect(seed, i, true);
      defect.push(d);
      gone.push(false);
      ended.push(false);
      push({ day, index: i, kind: 'add' });
      // New files are typed in a hurry and completed within days.
      if (d) scheduleFix(i, day, 0.8, 1, 5);
    }
    for (let k = countFor(rng, n0 * RATES.editsPerDay); k > 0; k--) {
      const i = pickLive(() => true);
      if (i !== null) push({ day, index: i, kind: 'edit', edit: rng.weighted(edits) });
    }
    for (let k = countFor(rng, n0 * RATES.breaksPerDay); k > 0; k--) {
      const i = pickLive((j) => defect[j] === null && !ended[j]);
      if (i === null) continue;
      const d = rng.weighted(breakDefects);
      defect[i] = d;
      push({ day, index: i, kind: 'break', defect: d });
      scheduleFix(i, day, 0.75, 2, 7);
    }
    for (let k = countFor(rng, n0 * RATES.departuresPerDay); k > 0; k--) {
      const i = pickLive((j) => !ended[j]);
      if (i === null) continue;
      // Half the leavers get a termination date and stay listed; the others vanish from the export.
      if (rng.chance(0.5)) {
        ended[i] = true;
        push({ day, index: i, kind: 'terminate' });
      } else {
        gone[i] = true;
        push({ day, index: i, kind: 'archive' });
      }
    }
  }

  const byIndex = new Map<number, ErpEvent[]>();
  for (const e of events) {
    const list = byIndex.get(e.index) ?? [];
    list.push(e);
    byIndex.set(e.index, list);
  }
  const population = defect.length;
  const dateOf = (day: number) => addDays(opts.startDate, day);

  function snapshot(day: number): ErpContract[] {
    if (!Number.isInteger(day) || day < 0 || day >= opts.days) throw new RangeError(`day must be 0..${opts.days - 1}, got ${day}`);
    const out: ErpContract[] = [];
    for (let i = 0; i < population; i++) {
      const intake = i >= n0;
      if (intake && intakeDay[i - n0] > day) break; // intakes are in day order
      let current: DefectKind | null = protectedIx.has(i) ? null : initialDefect(seed, i, intake);
      let removed = false;
      let endedOn: number | null = null;
      const c = baseContract(ctx, i, intake ? dateOf(intakeDay[i - n0]) : null);
      for (const e of byIndex.get(i) ?? []) {
        if (e.day > day) break;
        if (e.kind === 'edit' && e.edit) applyEdit(ctx, c, e.edit, e.salt);
        else if (e.kind === 'fix') current = null;
        else if (e.kind === 'break' && e.defect) current = e.defect;
        else if (e.kind === 'archive') removed = true;
        else if (e.kind === 'terminate') endedOn = e.day;
      }
      if (removed) continue;
      if (endedOn !== null) c.dateResiliation = toFr(addDays(dateOf(endedOn), -new Rng(mix(seed, i, 0xe4d)).int(10)));
      if (current) out.push(...applyDefect(ctx, c, current, i));
      else out.push(c);
    }
    return out;
  }

  function groupCodes(): string[] {
    const codes: string[] = [];
    for (const f of formations) {
      for (const siteCode of f.sites) {
        const site = sites.find((s) => s.code === siteCode) ?? sites[0];
        for (const a of annees.slice(0, f.years)) {
          for (let k = 1; k <= groupCount(site.code, f, a.code); k++) codes.push(groupOf(site, f, a.code, k).code);
        }
      }
    }
    return codes;
  }

  return { options: { ...opts }, snapshot, dateOf, events, groupCodes };
}
