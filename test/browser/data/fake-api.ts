/**
 * A small stand-in for the admin API, as msw `http` handlers, for the response-level cases the
 * shared mock (mock-api/browser.ts, the real server app) cannot stage on demand: a slow first
 * response, a malformed body, a hostile learner name, request inspection (`limit`).
 * It answers the same contract shapes (checked by the client's zod schemas anyway).
 */
import { http, HttpResponse, delay, type RequestHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import {
  emptyRecord,
  reasonMessage,
  type contractItem,
  type contractList,
  type contractRecord,
  type reason,
  type reasonCode,
  type runSummary,
  type summary,
} from '../../../contract/index.ts';

export const BASE = '/api/erp-sync';
export const TOKEN = 'test-token';

export type FakeScenario = 'normal' | 'never-synced' | 'failed' | 'held' | 'large' | 'expired-token' | 'forbidden' | 'server-error';

export interface FakeOptions {
  scenario?: FakeScenario;
  /** Extra learners (e.g. a hostile name) added first to the integrated list. */
  extraIntegrated?: Partial<contractRecord>[];
  /** The organisation's source runs on demand (csv/pull): the start button shows. */
  canRun?: boolean;
  /** After POST /runs, how many /summary answers still say `running` before it succeeds. */
  runningPolls?: number;
}

export interface FakeApi {
  /** Every request URL the fake received, in order. */
  requests: URL[];
  /** The Authorization header of each request, in the same order. */
  authorizations: (string | null)[];
  approved: string[];
  started: string[];
  handlers: RequestHandler[];
}

const FIRST = ['Hélène', 'Éloïse', 'Jean', 'Zoé', 'Mathis', 'Inès', 'Noé', 'Chloé', 'Lucas', 'Léa'];
const LAST = ['Dupont', 'Martin', 'Bernard', 'Lefèvre', 'Moreau', 'Girard', 'Roux', 'Fournier', 'Mercier', 'Blanc'];
const FORMATIONS = ['BTS MCO', 'BTS NDRC', 'CAP Cuisine', 'BP Boulanger'];
const COMPANIES = ['Boulangerie Martin', 'Carrefour Lyon', 'Hôtel du Parc', 'Garage Central'];
const REASONS: reasonCode[] = ['EMPLOYER_MISSING', 'TUTOR_EMAIL_INVALID', 'GROUP_UNKNOWN'];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function record(i: number, over: Partial<contractRecord> = {}): contractRecord {
  const first = FIRST[i % FIRST.length];
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  return {
    ...emptyRecord(),
    codeContrat: `C${String(i).padStart(6, '0')}`,
    dateDebut: '2025-09-01',
    dateFin: '2027-08-31',
    nomEntreprise: COMPANIES[i % COMPANIES.length],
    codeGroupe: `G${i % 7}`,
    nomGroupe: `Groupe ${i % 7}`,
    codeSite: 'LYON',
    nomSite: 'Lyon',
    codePeriode: '2025',
    nomPeriode: '2025/2026',
    codeAnnee: '1',
    nomAnnee: '1ère année',
    codeFormation: `F${i % FORMATIONS.length}`,
    nomFormation: FORMATIONS[i % FORMATIONS.length],
    codeApprenant: `A${i}`,
    nomApprenant: last.toUpperCase(),
    prenomApprenant: first,
    emailApprenant: `${fold(first)}.${fold(last)}${i}@example.fr`,
    codePersonnel: 'P1',
    nomPersonnel: 'Durand',
    prenomPersonnel: 'Anne',
    emailPersonnel: 'anne.durand@cfa.fr',
    codeMaitreApprentissage: `M${i}`,
    nomMaitreApprentissage: 'Petit',
    prenomMaitreApprentissage: 'Paul',
    emailMaitreApprentissage: `paul.petit${i}@example.fr`,
    ...over,
  };
}

function item(data: contractRecord, status: 'integrated' | 'rejected', reasons: reason[] = [], hasValidVersion = false): contractItem {
  return {
    codeContrat: data.codeContrat,
    status,
    data,
    session: null,
    since: '2026-03-11T01:00:00.000Z',
    updatedAt: '2026-03-12T01:00:00.000Z',
    reasons: reasons.map((r) => ({ ...r, message: reasonMessage(r, 'fr') })),
    hasValidVersion,
    origin: null,
  };
}

function run(status: runSummary['status'], counts: { integrated: number; rejected: number }, extra: Partial<runSummary> = {}): runSummary {
  return {
    id: 'run-42',
    source: 'csv',
    status,
    startedAt: '2026-03-12T01:00:00.000Z',
    finishedAt: '2026-03-12T01:02:00.000Z',
    date: '2026-03-12',
    counts: {
      received: counts.integrated + counts.rejected,
      integrated: counts.integrated,
      rejected: counts.rejected,
      added: 3,
      updated: 2,
      archived: 0,
      fixed: 1,
      newlyRejected: 1,
    },
    error: null,
    held: null,
    truncated: false,
    progress: null,
    events: [],
    ...extra,
  };
}

function error(status: number, code: string, message: string) {
  return HttpResponse.json({ error: { code, message } }, { status });
}

/** Handlers for one scenario; `requests` records what the widget asked for. */
export function fakeApi(options: FakeOptions = {}): FakeApi {
  const scenario = options.scenario ?? 'normal';
  const size = scenario === 'large' ? 20_000 : scenario === 'never-synced' ? 0 : 120;
  const integrated: contractItem[] = [
    ...(options.extraIntegrated ?? []).map((over, i) => item(record(900_000 + i, over), 'integrated')),
    ...Array.from({ length: size }, (_, i) => item(record(i), 'integrated')),
  ];
  const rejectedCount = scenario === 'never-synced' ? 0 : scenario === 'large' ? 240 : 30;
  const rejected: contractItem[] = Array.from({ length: rejectedCount }, (_, i) => {
    const code = REASONS[i % REASONS.length];
    const data = record(500_000 + i, code === 'EMPLOYER_MISSING' ? { nomEntreprise: '' } : {});
    const reason: reason =
      code === 'EMPLOYER_MISSING'
        ? { code, field: 'nomEntreprise', value: '' }
        : code === 'TUTOR_EMAIL_INVALID'
          ? { code, field: 'emailMaitreApprentissage', value: 'paul.petit@' }
          : { code, field: 'codeGroupe', value: data.codeGroupe };
    return item(data, 'rejected', [reason], i % 2 === 0);
  });
  const folded = new Map<contractItem, string>();
  for (const c of [...integrated, ...rejected]) {
    folded.set(
      c,
      fold([c.codeContrat, c.data.nomApprenant, c.data.prenomApprenant, c.data.emailApprenant, c.data.nomEntreprise].join(' ')),
    );
  }
  const api: FakeApi = { requests: [], authorizations: [], approved: [], started: [], handlers: [] };
  let held = scenario === 'held';
  /** null: no run started here; otherwise the /summary answers left saying `running`. */
  let runningLeft: number | null = null;

  const guard = (request: Request) => {
    api.requests.push(new URL(request.url));
    api.authorizations.push(request.headers.get('Authorization'));
    if (scenario === 'expired-token') return error(401, 'UNAUTHORIZED', 'Token expired');
    if (scenario === 'forbidden') return error(403, 'FORBIDDEN', 'Not an administrator');
    if (request.headers.get('Authorization') !== `Bearer ${TOKEN}`) return error(401, 'UNAUTHORIZED', 'Missing token');
    if (scenario === 'server-error') return error(500, 'INTERNAL', 'Boom');
    return null;
  };

  const list = (url: URL): contractList => {
    const status = url.searchParams.get('status') ?? 'integrated';
    const q = fold(url.searchParams.get('q') ?? '');
    const reason = url.searchParams.get('reason');
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const sort = url.searchParams.get('sort');
    const order = url.searchParams.get('order') === 'desc' ? -1 : 1;
    let rows = (status === 'rejected' ? rejected : integrated).filter((c) => !q || folded.get(c)!.includes(q));
    const reasonCounts = REASONS.map((code) => ({
      code,
      count: rows.filter((c) => c.reasons.some((r) => r.code === code)).length,
    })).filter((c) => c.count > 0);
    if (reason) rows = rows.filter((c) => c.reasons.some((r) => r.code === reason));
    if (sort === 'learner') {
      rows = [...rows].sort(
        (a, b) =>
          order * `${a.data.nomApprenant} ${a.data.prenomApprenant}`.localeCompare(`${b.data.nomApprenant} ${b.data.prenomApprenant}`),
      );
    }
    return { total: rows.length, limit, offset, items: rows.slice(offset, offset + limit), reasonCounts };
  };

  const summaryBody = (): summary => {
    const counts = { integrated: integrated.length, rejected: rejected.length };
    let lastRun: runSummary | null =
      scenario === 'never-synced'
        ? null
        : scenario === 'failed'
          ? run('failed', counts, { error: 'Fichier vide : 0 ligne lue dans export.csv' })
          : held
            ? run('held', counts, {
                held: {
                  reasons: ['removal'],
                  wouldArchive: 1_234,
                  integrated: 18_240,
                  maxRatio: 0.2,
                  fieldUpdates: [],
                  maxUpdateRatio: 0.3,
                  received: 17_006,
                  previousReceived: 18_240,
                },
              })
            : run('succeeded', counts);
    if (runningLeft !== null) {
      const running = runningLeft > 0;
      if (running) runningLeft -= 1;
      lastRun = run(running ? 'running' : 'succeeded', counts, {
        id: 'run-43',
        startedAt: '2026-03-13T09:00:00.000Z',
        finishedAt: running ? null : '2026-03-13T09:01:00.000Z',
        date: '2026-03-13',
      });
    }
    return {
      organization: { id: 'cfa-1', name: 'CFA Test' },
      lastRun,
      totals: { integrated: integrated.length, rejected: rejected.length, archived: 0 },
      topReasons: [],
      canRun: options.canRun ?? false,
    };
  };

  api.handlers = [
    http.get(`${BASE}/summary`, ({ request }) => guard(request) ?? HttpResponse.json(summaryBody())),
    http.get(`${BASE}/contracts.csv`, ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      const body = list(new URL(request.url))
        .items.map((c) => `${c.codeContrat};${c.data.nomApprenant}`)
        .join('\r\n');
      return new HttpResponse(`codeContrat;nomApprenant\r\n${body}`, {
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="non-integres.csv"' },
      });
    }),
    http.get(`${BASE}/contracts`, ({ request }) => guard(request) ?? HttpResponse.json(list(new URL(request.url)))),
    http.post(`${BASE}/runs`, ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      api.started.push('run-43');
      runningLeft = options.runningPolls ?? 0;
      return HttpResponse.json({ runId: 'run-43', status: 'running' }, { status: 202 });
    }),
    http.post(`${BASE}/runs/:id/approve`, ({ request, params }) => {
      const denied = guard(request);
      if (denied) return denied;
      api.approved.push(String(params.id));
      held = false;
      return HttpResponse.json({ runId: String(params.id), status: 'succeeded' });
    }),
  ];
  return api;
}

let worker: SetupWorker | undefined;

/** Starts (once per test file) the service worker with no handlers; tests add theirs with `use`. */
export async function startWorker(): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  }
  return worker;
}

/** Installs a fresh fake for one test (replacing the previous test's handlers). */
export async function useFake(options: FakeOptions = {}, ...overrides: RequestHandler[]): Promise<FakeApi> {
  const w = await startWorker();
  const api = fakeApi(options);
  w.resetHandlers(...overrides, ...api.handlers);
  return api;
}

export { http, HttpResponse, delay };
