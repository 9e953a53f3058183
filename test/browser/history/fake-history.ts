/**
 * A small stand-in for the history part of the admin API, as msw `http` handlers, for what the
 * shared mock (mock-api/browser.ts, the real app over seeded data) cannot stage on demand: a
 * day with 5,000 changes, a hostile learner name on a known day, a 403, a malformed body,
 * request inspection. Same contract shapes (the client's zod schemas check them anyway).
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import {
  emptyRecord,
  reasonMessage,
  type change,
  type changeKind,
  type contractDetail,
  type historyDay,
  type reason,
} from '../../../contract/index.ts';

export const BASE = '/api/erp-sync';
export const TOKEN = 'history-test-token';
/** A second accepted token: a host rotating its token from TOKEN to this one stays signed in. */
export const TOKEN_2 = 'history-test-token-rotated';

export type FakeScenario = 'normal' | 'empty' | 'expired-token' | 'forbidden' | 'server-error' | 'malformed';

export interface FakeOptions {
  scenario?: FakeScenario;
  /** Changes on the newest day (2026-03-12); the volume test asks for 5,000. */
  bigDay?: number;
  /** A learner name for the newest day's first change (hostile strings). */
  learner?: string;
  /**
   * A faulty server: pages asked for with `before` also repeat this many days on or after
   * `before` (the widget must append only days older than the last one it shows).
   */
  overlap?: number;
}

export interface FakeHistoryApi {
  /** Every request URL received, in order. */
  requests: URL[];
  /** The Authorization header of each request, in the same order. */
  authorizations: (string | null)[];
  handlers: RequestHandler[];
}

export const NEWEST = '2026-03-12';
const KINDS: changeKind[] = ['added', 'updated', 'archived', 'rejected', 'fixed'];

/** The i-th day of the fake history, newest first: dayOf(0) is NEWEST. */
export function dayOf(i: number): string {
  return new Date(Date.UTC(2026, 2, 12) - i * 86_400_000).toISOString().slice(0, 10);
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function makeChange(date: string, i: number, kind: changeKind, learner: string): change {
  const code = `C${date.replaceAll('-', '')}${String(i).padStart(5, '0')}`;
  const at = `${date}T01:0${i % 10}:00.000Z`;
  const base = { runId: `run-${date}`, at, date, kind, codeContrat: code, learner, formation: 'BTS MCO' };
  const reason: reason = { code: 'TUTOR_EMAIL_INVALID', field: 'emailMaitreApprentissage', value: 'paul.petit@' };
  switch (kind) {
    case 'updated':
      return {
        ...base,
        fields: [
          { field: 'emailMaitreApprentissage', before: 'old@example.fr', after: 'new@example.fr' },
          { field: 'dateFin', before: '2026-06-30', after: '2026-08-31' },
        ],
        reasons: [],
      };
    case 'added':
      return {
        ...base,
        fields: [
          { field: 'nomEntreprise', before: '', after: 'Boulangerie Martin' },
          { field: 'dateDebut', before: '', after: '2025-09-01' },
        ],
        reasons: [],
      };
    case 'archived':
      return {
        ...base,
        fields: [
          { field: 'nomEntreprise', before: 'Garage Central', after: '' },
          { field: 'dateFin', before: '2026-06-30', after: '' },
        ],
        reasons: [],
      };
    default:
      return { ...base, fields: [], reasons: [{ ...reason, message: reasonMessage(reason, 'fr') }] };
  }
}

/** 45 days of history; day 0 holds `bigDay` changes, the others five each (one per kind). */
export function fakeHistory(options: FakeOptions = {}): FakeHistoryApi {
  const scenario = options.scenario ?? 'normal';
  const api: FakeHistoryApi = { requests: [], authorizations: [], handlers: [] };
  const dayCount = scenario === 'empty' ? 0 : 45;
  const names = ['Hélène Dupont', 'Jean Martin', 'Zoé Bernard', 'Inès Moreau', 'Lucas Roux'];
  const changesOf = new Map<string, change[]>();
  const days: historyDay[] = [];
  for (let d = 0; d < dayCount; d++) {
    const date = dayOf(d);
    const n = d === 0 ? (options.bigDay ?? 5) : 5;
    const list = Array.from({ length: n }, (_, i) =>
      makeChange(date, i, KINDS[i % KINDS.length], d === 0 && i === 0 && options.learner ? options.learner : names[i % names.length]),
    );
    changesOf.set(date, list);
    const count = (k: changeKind) => list.filter((c) => c.kind === k).length;
    days.push({
      date,
      runs: [{ id: `run-${date}`, source: 'csv', status: 'succeeded', startedAt: `${date}T01:00:00.000Z`, events: [] }],
      added: count('added'),
      updated: count('updated'),
      archived: count('archived'),
      rejected: count('rejected'),
      fixed: count('fixed'),
    });
  }

  /** The `q` / `kind` of a request as a change predicate (a day's changes and the day list alike). */
  const matcher = (url: URL) => {
    const q = fold(url.searchParams.get('q') ?? '');
    const kind = url.searchParams.get('kind');
    return (c: change) => (!q || fold(`${c.learner} ${c.codeContrat} ${c.formation}`).includes(q)) && (!kind || c.kind === kind);
  };
  const error = (status: number, code: string, message: string) => HttpResponse.json({ error: { code, message } }, { status });
  const guard = (request: Request) => {
    api.requests.push(new URL(request.url));
    const authorization = request.headers.get('Authorization');
    api.authorizations.push(authorization);
    if (scenario === 'expired-token') return error(401, 'UNAUTHORIZED', 'Token expired');
    if (scenario === 'forbidden') return error(403, 'FORBIDDEN', 'Not an administrator');
    if (authorization !== `Bearer ${TOKEN}` && authorization !== `Bearer ${TOKEN_2}`) return error(401, 'UNAUTHORIZED', 'Missing token');
    if (scenario === 'server-error') return error(500, 'INTERNAL', 'Boom');
    return null;
  };

  api.handlers = [
    http.get(`${BASE}/history/trend`, ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      const points = days
        .slice(0, 30)
        .reverse()
        .map((d, i) => ({ date: d.date, integrated: 1200 + i * 3, rejected: 40 - (i % 7) }));
      return HttpResponse.json({ points });
    }),
    http.get(`${BASE}/history/:date`, ({ request, params }) => {
      const denied = guard(request);
      if (denied) return denied;
      const url = new URL(request.url);
      const date = String(params.date);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const all = (changesOf.get(date) ?? []).filter(matcher(url));
      return HttpResponse.json({ date, total: all.length, limit, offset, changes: all.slice(offset, offset + limit) });
    }),
    http.get(`${BASE}/history`, ({ request }) => {
      const denied = guard(request);
      if (denied) return denied;
      if (scenario === 'malformed') return HttpResponse.json({ days: 'nope' });
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 30);
      const asked = url.searchParams.get('before');
      // The faulty server of `overlap`: `before` moved that many days later.
      const at = asked && options.overlap ? days.findIndex((d) => d.date === asked) : -1;
      const before = at > 0 ? days[Math.max(at - (options.overlap ?? 0), 0)].date : asked;
      const from = url.searchParams.get('from');
      const inRange = days.filter((d) => (!before || d.date < before) && (!from || d.date >= from));
      // With q or kind, as the real API: only days with a matching change, counting only those.
      const filtered = url.searchParams.has('q') || url.searchParams.has('kind');
      const match = matcher(url);
      const matching = filtered
        ? inRange
            .map((d) => {
              const list = (changesOf.get(d.date) ?? []).filter(match);
              const count = (k: changeKind) => list.filter((c) => c.kind === k).length;
              return {
                ...d,
                added: count('added'),
                updated: count('updated'),
                archived: count('archived'),
                rejected: count('rejected'),
                fixed: count('fixed'),
              };
            })
            .filter((d) => d.added + d.updated + d.archived + d.rejected + d.fixed > 0)
        : inRange;
      const page = matching.slice(0, limit);
      return HttpResponse.json({
        days: page,
        nextBefore: matching.length > limit ? page[page.length - 1].date : null,
      });
    }),
    http.get(`${BASE}/contracts/:code`, ({ request, params }) => {
      const denied = guard(request);
      if (denied) return denied;
      const code = String(params.code);
      const timeline = [...changesOf.values()].flat().filter((c) => c.codeContrat === code);
      if (timeline.length === 0) return error(404, 'NOT_FOUND', 'Unknown contract');
      const body: contractDetail = {
        contract: {
          codeContrat: code,
          status: 'integrated',
          data: { ...emptyRecord(), codeContrat: code, nomApprenant: timeline[0].learner },
          session: null,
          since: timeline[0].at,
          updatedAt: timeline[0].at,
          reasons: [],
          hasValidVersion: false,
          origin: null,
        },
        validVersion: null,
        received: null,
        timeline,
      };
      return HttpResponse.json(body);
    }),
  ];
  return api;
}

let worker: SetupWorker | undefined;

/** One service worker per test file (each file runs in its own page); handlers per test. */
export async function useFakeHistory(options: FakeOptions = {}, ...overrides: RequestHandler[]): Promise<FakeHistoryApi> {
  if (!worker) {
    worker = setupWorker();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  }
  const api = fakeHistory(options);
  worker.resetHandlers(...overrides, ...api.handlers);
  return api;
}

export { http, HttpResponse };
