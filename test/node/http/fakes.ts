/**
 * A small fake Store and Runner with canned data, so the HTTP layer is tested on its own.
 * Two organisations: `cfa-a` (push source, many contracts) and `cfa-b` (csv source, one contract).
 * Only the read side of Store is implemented; write methods throw.
 */
import {
  emptyRecord,
  type contractRecord,
  type historyDay,
  type runSummary,
  type syncDiffResult,
  type trend,
} from '../../../contract/index.ts';
import { collect } from '../../../server/core/run-import.ts';
import { memorySpool } from '../../../server/core/spool.ts';
import type { ReceivedRecord, Rejection, Snapshot } from '../../../server/core/types.ts';
import { openMemoryInput } from '../../../server/runner/open-input.ts';
import { RunError, type RunInput, type RunResult, type Runner } from '../../../server/runner/runner.ts';
import type {
  ContractFacts,
  ContractRow,
  ContractRows,
  ContractsFilter,
  HistoryDaysOptions,
  Store,
  StoredChange,
  SummaryFacts,
} from '../../../server/store/store.ts';

export const ORG_A = { id: 'cfa-a', name: 'CFA Alpha' };
export const ORG_B = { id: 'cfa-b', name: 'CFA Bêta' };

export function record(over: Partial<contractRecord>): contractRecord {
  return {
    ...emptyRecord(),
    dateDebut: '2025-09-01',
    dateFin: '2027-08-31',
    nomEntreprise: 'Boulangerie Martin',
    codeGroupe: 'G1',
    nomGroupe: 'BTS MCO 1 - Lyon',
    codeSite: 'LYO',
    nomSite: 'Lyon',
    codePeriode: '2025',
    nomPeriode: '2025/2026',
    codeAnnee: 'A1',
    nomAnnee: '1ère année',
    codeFormation: 'MCO',
    nomFormation: 'BTS MCO',
    nomApprenant: 'Durand',
    prenomApprenant: 'Léa',
    emailApprenant: 'lea.durand@example.fr',
    ...over,
  };
}

const session = { codeSite: 'LYO', codePeriode: '2025', codeFormation: 'MCO', codeAnnee: 'A1', codeGroupe: 'G1' };
const AT = '2026-01-14T01:00:00.000Z';

function integratedRow(data: contractRecord): ContractRow {
  return {
    codeContrat: data.codeContrat,
    status: 'integrated',
    data,
    session,
    since: AT,
    updatedAt: AT,
    reasons: [],
    hasValidVersion: false,
    origin: null,
  };
}

export const RUN_OK: runSummary = {
  id: 'run-ok',
  source: 'push',
  status: 'succeeded',
  startedAt: AT,
  finishedAt: AT,
  date: '2026-01-14',
  counts: { received: 3, integrated: 2, rejected: 1, added: 2, updated: 0, archived: 0, fixed: 0, newlyRejected: 1 },
  error: null,
  failure: null,
  held: null,
  truncated: false,
  progress: null,
  events: [],
};

export const GUARD_HELD = {
  reasons: ['removal' as const],
  wouldArchive: 90,
  integrated: 100,
  maxRatio: 0.2,
  fieldUpdates: [],
  maxUpdateRatio: 0.3,
  received: 10,
  previousReceived: 100,
};

export const RUN_HELD: runSummary = {
  ...RUN_OK,
  id: 'run-held',
  status: 'held',
  held: GUARD_HELD,
};

interface OrgData {
  rows: ContractRow[];
  facts: Map<string, ContractFacts>;
  timeline: Map<string, StoredChange[]>;
  runs: runSummary[];
  days: historyDay[];
  changes: StoredChange[];
  trend: trend;
  integrated: Record<string, unknown>[];
  received: Record<string, unknown>[];
}

/** Number of generated integrated contracts of cfa-a, beyond the named ones (CSV paging). */
export const BULK = 1100;

function orgA(): OrgData {
  const hyper = record({
    codeContrat: 'C-HYPER',
    nomApprenant: '=HYPERLINK("http://evil.example","clic")',
    prenomApprenant: '+33612345678',
  });
  const quoted = record({
    codeContrat: 'C-QUOTE',
    nomApprenant: 'Martin; "Le Grand"',
    prenomApprenant: '@home',
    nomEntreprise: '-5 SARL\r\nLigne 2',
  });
  const bulk = Array.from({ length: BULK }, (_, i) =>
    integratedRow(record({ codeContrat: `C${String(i).padStart(5, '0')}`, nomApprenant: `Apprenant${i}` })),
  );
  const rejectedData = record({ codeContrat: 'C-REJ', nomEntreprise: '', emailApprenant: 'pas-un-email' });
  const rejectedRow: ContractRow = {
    codeContrat: 'C-REJ',
    status: 'rejected',
    data: rejectedData,
    session: null,
    since: AT,
    updatedAt: AT,
    reasons: [
      { code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' },
      { code: 'LEARNER_EMAIL_INVALID', field: 'emailApprenant', value: 'pas-un-email' },
    ],
    hasValidVersion: false,
    origin: null,
  };
  const rows = [integratedRow(hyper), integratedRow(quoted), ...bulk, rejectedRow];
  const facts = new Map<string, ContractFacts>([
    ['C-HYPER', { platform: { status: 'integrated', data: hyper, session, since: AT, updatedAt: AT }, rejection: null }],
    ['C-REJ', { platform: null, rejection: { data: rejectedData, reasons: rejectedRow.reasons, since: AT, origin: null } }],
    [
      'C 1/é',
      {
        platform: null,
        rejection: { data: { ...rejectedData, codeContrat: 'C 1/é' }, reasons: rejectedRow.reasons, since: AT, origin: null },
      },
    ],
  ]);
  const change = (kind: StoredChange['kind'], code: string, at: string, date: string, extra: Partial<StoredChange> = {}): StoredChange => ({
    runId: 'run-ok',
    at,
    date,
    kind,
    codeContrat: code,
    learner: 'Léa Durand',
    formation: 'BTS MCO',
    fields: [],
    reasons: [],
    origin: null,
    ...extra,
  });
  const changes = [
    change('added', 'C-HYPER', AT, '2026-01-14', { fields: [{ field: 'nomApprenant', before: '', after: 'Durand' }] }),
    change('rejected', 'C-REJ', AT, '2026-01-14', { reasons: [{ code: 'EMPLOYER_MISSING', field: 'nomEntreprise', value: '' }] }),
    change('updated', 'C00001', AT, '2026-01-14', { fields: [{ field: 'dateFin', before: '2027-06-30', after: '2027-08-31' }] }),
  ];
  return {
    rows,
    facts,
    timeline: new Map([
      ['C-HYPER', [change('updated', 'C-HYPER', '2026-01-15T01:00:00.000Z', '2026-01-15'), changes[0]]],
      ['C-REJ', [changes[1]]],
    ]),
    runs: [RUN_OK, RUN_HELD],
    days: [
      {
        date: '2026-01-15',
        runs: [{ id: 'run-held', source: 'push', status: 'held', startedAt: AT, failure: null, events: [] }],
        added: 0,
        updated: 1,
        archived: 0,
        rejected: 0,
        fixed: 0,
      },
      {
        date: '2026-01-14',
        runs: [{ id: 'run-ok', source: 'push', status: 'succeeded', startedAt: AT, failure: null, events: [] }],
        added: 2,
        updated: 1,
        archived: 0,
        rejected: 1,
        fixed: 0,
      },
      { date: '2026-01-13', runs: [], added: 0, updated: 0, archived: 0, rejected: 0, fixed: 0 },
    ],
    changes,
    trend: { points: [{ date: '2026-01-14', integrated: BULK + 2, rejected: 1 }] },
    integrated: Array.from({ length: 250 }, (_, i) => ({ codeContrat: `C${String(i).padStart(5, '0')}` })),
    received: Array.from({ length: 251 }, (_, i) => ({ codeContrat: `R${i}` })),
  };
}

function orgB(): OrgData {
  const secret = record({ codeContrat: 'B-SECRET', nomApprenant: 'Secret' });
  return {
    rows: [integratedRow(secret)],
    facts: new Map([
      ['B-SECRET', { platform: { status: 'integrated', data: secret, session, since: AT, updatedAt: AT }, rejection: null }],
    ]),
    timeline: new Map(),
    runs: [{ ...RUN_OK, id: 'run-b', source: 'csv' }],
    days: [],
    changes: [],
    trend: { points: [] },
    integrated: [{ codeContrat: 'B-SECRET' }],
    received: [{ codeContrat: 'B-SECRET' }],
  };
}

const notUsed = (name: string) => () => Promise.reject(new Error(`FakeStore.${name} is not used by the HTTP layer`));

export class FakeStore implements Store {
  readonly data = new Map<string, OrgData>([
    [ORG_A.id, orgA()],
    [ORG_B.id, orgB()],
  ]);
  /** The last filter listContracts received, and every call (to check paging). */
  readonly listCalls: ContractsFilter[] = [];
  readonly historyDaysCalls: HistoryDaysOptions[] = [];
  readonly historyDayCalls: { date: string; q?: string; kind?: string; limit: number; offset: number }[] = [];
  /** Set to make every read fail (500 path). */
  failWith: Error | null = null;

  private org(orgId: string): OrgData {
    if (this.failWith) throw this.failWith;
    const d = this.data.get(orgId);
    if (!d) throw new Error(`unknown org ${orgId}`);
    return d;
  }

  init = () => Promise.resolve();
  close = () => Promise.resolve();
  upsertOrganization = () => Promise.resolve();
  failInterruptedRuns = () => Promise.resolve(0);
  openRun = notUsed('openRun') as Store['openRun'];
  resumeHeld = notUsed('resumeHeld') as Store['resumeHeld'];
  heartbeat = notUsed('heartbeat') as Store['heartbeat'];
  appendReceived = notUsed('appendReceived') as Store['appendReceived'];
  readReceived = (() => {
    throw new Error('FakeStore.readReceived is not used by the HTTP layer');
  }) as Store['readReceived'];
  stateReader = notUsed('stateReader') as Store['stateReader'];
  lastAppliedRun = notUsed('lastAppliedRun') as Store['lastAppliedRun'];
  applyRun = notUsed('applyRun') as Store['applyRun'];
  holdRun = notUsed('holdRun') as Store['holdRun'];
  failRun = notUsed('failRun') as Store['failRun'];
  abandonRun = notUsed('abandonRun') as Store['abandonRun'];
  recordRunEvent = notUsed('recordRunEvent') as Store['recordRunEvent'];
  pruneReceived = notUsed('pruneReceived') as Store['pruneReceived'];
  claimScheduledRun = notUsed('claimScheduledRun') as Store['claimScheduledRun'];
  lastScheduledClaim = notUsed('lastScheduledClaim') as Store['lastScheduledClaim'];
  anonymisePersonalData = notUsed('anonymisePersonalData') as Store['anonymisePersonalData'];
  heldEffects = notUsed('heldEffects') as Store['heldEffects'];
  runRejections = notUsed('runRejections') as Store['runRejections'];

  async getRun(orgId: string, runId: string): Promise<runSummary | null> {
    return this.org(orgId).runs.find((r) => r.id === runId) ?? null;
  }

  async summary(orgId: string): Promise<SummaryFacts> {
    const d = this.org(orgId);
    const count = (s: string) => d.rows.filter((r) => r.status === s).length;
    return {
      lastRun: d.runs[0] ?? null,
      totals: { integrated: count('integrated'), rejected: count('rejected'), archived: count('archived') },
      topReasons: [{ code: 'EMPLOYER_MISSING', count: count('rejected') }],
    };
  }

  async listContracts(orgId: string, filter: ContractsFilter): Promise<ContractRows> {
    const d = this.org(orgId);
    this.listCalls.push(filter);
    const q = filter.q?.toLowerCase();
    const base = d.rows.filter(
      (r) =>
        r.status === filter.status &&
        (!q || `${r.data.nomApprenant} ${r.data.prenomApprenant} ${r.codeContrat}`.toLowerCase().includes(q)) &&
        (!filter.formation || r.data.codeFormation === filter.formation),
    );
    const matching = filter.reason ? base.filter((r) => r.reasons.some((x) => x.code === filter.reason)) : base;
    const counts = new Map<string, number>();
    for (const r of base) for (const x of r.reasons) counts.set(x.code, (counts.get(x.code) ?? 0) + 1);
    return {
      total: matching.length,
      items: matching.slice(filter.offset, filter.offset + filter.limit),
      reasonCounts: [...counts].map(([code, count]) => ({ code: code as ContractRow['reasons'][number]['code'], count })),
    };
  }

  async getContract(orgId: string, code: string): Promise<ContractFacts | null> {
    return this.org(orgId).facts.get(code) ?? null;
  }

  async timeline(orgId: string, code: string): Promise<StoredChange[]> {
    return this.org(orgId).timeline.get(code) ?? [];
  }

  async historyDays(orgId: string, opts: HistoryDaysOptions) {
    this.historyDaysCalls.push(opts);
    const days = this.org(orgId).days.filter((d) => (!opts.before || d.date < opts.before) && (!opts.from || d.date >= opts.from));
    const page = days.slice(0, opts.limit);
    return { days: page, nextBefore: days.length > opts.limit ? page[page.length - 1].date : null };
  }

  async historyDay(orgId: string, date: string, opts: { q?: string; kind?: StoredChange['kind']; limit: number; offset: number }) {
    this.historyDayCalls.push({ date, ...opts });
    const all = this.org(orgId).changes.filter((c) => c.date === date && (!opts.kind || c.kind === opts.kind));
    return { total: all.length, changes: all.slice(opts.offset, opts.offset + opts.limit) };
  }

  async trend(orgId: string, days: number): Promise<trend> {
    const t = this.org(orgId).trend;
    return { points: t.points.slice(-days) };
  }

  async syncContracts(orgId: string, kind: 'integrated' | 'received', page: { limit: number; page: number }) {
    const all = this.org(orgId)[kind];
    const start = (page.page - 1) * page.limit;
    return { total: all.length, contrats: all.slice(start, start + page.limit) };
  }
}

export type RunnerMode = 'ok' | 'held' | 'busy' | 'failed' | 'explode' | 'source-failed';

/** What an input holds, read by the real parser (a malformed body fails exactly as it would). */
async function recordsOf(input: RunInput): Promise<ReceivedRecord[]> {
  const stream = await openMemoryInput(
    { org: {} as never, runId: null, input, clock: { at: AT, date: '2026-01-14' }, bypassGuard: false },
    1e9,
  );
  const spool = memorySpool<ReceivedRecord>();
  for await (const b of stream.batches()) await spool.append(b);
  return collect(spool);
}

/** A runner whose behaviour a test picks with `mode`; it records what it was asked. */
export class FakeRunner implements Runner {
  mode: RunnerMode = 'ok';
  readonly runnable = new Set<string>([ORG_B.id]);
  readonly snapshots: { orgId: string; snapshot: Snapshot; dry: boolean }[] = [];
  readonly starts: { orgId: string; by: unknown }[] = [];

  constructor(private readonly store: FakeStore) {}

  private guard(): void {
    if (this.mode === 'busy') throw new RunError('RUN_IN_PROGRESS', 'Un import est déjà en cours pour cette organisation.', 'run-busy');
    if (this.mode === 'explode') throw new Error('database is locked at /var/lib/secret.db');
    if (this.mode === 'source-failed') throw new RunError('SOURCE_FAILED', 'SQLITE_FULL: /var/lib/secret.db', 'run-x');
  }

  async importInput(orgId: string, input: RunInput): Promise<RunResult> {
    this.guard();
    const records = await recordsOf(input);
    this.snapshots.push({ orgId, snapshot: { source: 'push', records, meta: {} }, dry: false });
    const bad = records.filter((r) => r.malformed || !r.fields.nomEntreprise);
    const good = records.length - bad.length;
    const held = this.mode === 'held' ? GUARD_HELD : null;
    const status = this.mode === 'held' ? 'held' : this.mode === 'failed' ? 'failed' : 'succeeded';
    const counts = {
      received: records.length,
      integrated: good,
      rejected: bad.length,
      added: good,
      updated: 0,
      archived: 0,
      fixed: 0,
      newlyRejected: bad.length,
    };
    const rejections: Rejection[] = bad.map((r) => ({
      code: r.fields.codeContrat || `#index:${r.index}`,
      data: { ...emptyRecord(), codeContrat: r.fields.codeContrat ?? '' },
      reasons: r.malformed
        ? [{ code: 'ROW_MALFORMED' as const, field: '', value: '', detail: r.malformed }]
        : [{ code: 'EMPLOYER_MISSING' as const, field: 'nomEntreprise', value: '' }],
      since: AT,
      index: r.index,
      origin: r.fields.codeContrat ? null : { index: r.index, line: null, copy: 1 },
    }));
    const run: runSummary = { ...RUN_OK, id: 'run-new', status, counts, held, error: status === 'failed' ? 'disk full at /secret' : null };
    return { runId: run.id, run, rejections: status === 'failed' ? [] : rejections.slice(0, 100), rejectionsTotal: rejections.length };
  }

  async startInput(orgId: string, input: RunInput) {
    const done = this.importInput(orgId, input);
    return { runId: 'run-new', done };
  }

  async dryRun(orgId: string, input: RunInput): Promise<syncDiffResult> {
    this.guard();
    const records = await recordsOf(input);
    this.snapshots.push({ orgId, snapshot: { source: 'push', records, meta: {} }, dry: true });
    const added = records.map((r) => r.raw as Record<string, unknown>);
    return {
      same: [],
      added,
      updated: [],
      removed: [],
      rejected: [],
      counts: { same: 0, added: added.length, updated: 0, removed: 0, rejected: 0 },
    };
  }

  async runSource(): Promise<RunResult> {
    throw new Error('not used by the HTTP layer');
  }

  async startSource(orgId: string, opts: { by?: unknown } = {}) {
    this.guard();
    if (!this.runnable.has(orgId)) throw new RunError('NOT_RUNNABLE', 'push source');
    this.starts.push({ orgId, by: opts.by });
    const runId = `run-started-${orgId}`;
    return { runId, done: Promise.resolve({ runId, run: { ...RUN_OK, id: runId }, rejections: [], rejectionsTotal: 0 }) };
  }

  async approve(orgId: string, runId: string): Promise<RunResult> {
    this.guard();
    const run = await this.store.getRun(orgId, runId);
    if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
    if (run.status !== 'held') throw new RunError('RUN_NOT_HELD', `L'import ${runId} n'est pas en attente.`, runId);
    return { runId, run: { ...run, status: 'succeeded', held: null }, rejections: [], rejectionsTotal: 0 };
  }

  async abandon(orgId: string, runId: string): Promise<runSummary> {
    const run = await this.store.getRun(orgId, runId);
    if (!run) throw new RunError('RUN_NOT_FOUND', `Import introuvable : ${runId}`);
    if (run.status !== 'running') throw new RunError('RUN_NOT_RUNNING', `Cet import n'est pas en cours.`, runId);
    return { ...run, status: 'failed', error: 'abandoned' };
  }

  canRun(orgId: string): boolean {
    return this.runnable.has(orgId);
  }

  async close(): Promise<void> {}
}
