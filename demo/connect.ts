/**
 * Where the demo pages get their admin token from:
 *  - server mode (`npm start`): /demo/token.json, written by demo/server/main.ts at start;
 *  - mock mode (`?mock=1`, or always under `npm run demo:mock`): the MSW mock running the same
 *    Hono app in the browser over an in-memory store; no backend at all.
 */
import type { ScenarioName } from '../mock-api/browser.ts';

/** The QA scenarios of mock-api/scenarios.ts (listed here so this module does not load the mock). */
export const scenarios = [
  'normal',
  'never-synced',
  'failed',
  'held',
  'large',
  'slow',
  'server-error',
  'expired-token',
] as const satisfies readonly ScenarioName[];
export type Scenario = ScenarioName;

export interface Connection {
  mode: 'server' | 'mock';
  token: string;
  scenario: Scenario | null;
}

const params = new URLSearchParams(location.search);

/** The dev server has no backend: it is always mock mode. */
export const mockMode = import.meta.env.DEV || params.get('mock') === '1';

export function currentScenario(): Scenario {
  const s = params.get('scenario');
  return (scenarios as readonly string[]).includes(s ?? '') ? (s as Scenario) : 'normal';
}

export async function connect(): Promise<Connection> {
  if (mockMode) {
    const scenario = currentScenario();
    const { startMockApi } = await import('../mock-api/browser.ts');
    const mock = await startMockApi({ scenario });
    return { mode: 'mock', token: mock.token, scenario };
  }
  const res = await fetch('/demo/token.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/demo/token.json: HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') {
    throw new Error('/demo/token.json: no "token" string');
  }
  return { mode: 'server', token: body.token, scenario: null };
}
