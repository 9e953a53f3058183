/** Builds the app over the fakes, with tokens for both organisations. */
import { createApp } from '../../../server/http/index.ts';
import type { AppDeps } from '../../../server/http/index.ts';
import { FakeRunner, FakeStore, ORG_A, ORG_B } from './fakes.ts';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';
export const ERP_TOKEN_A = 'erp-token-alpha-0123456789';
export const ERP_TOKEN_B = 'erp-token-beta-0123456789xx';
export const NOW = new Date('2026-01-15T10:00:00.000Z');
export const MAX_BODY = 4096;

export const config: AppDeps['config'] = {
  auth: { jwtSecret: SECRET },
  cors: { origins: ['https://lms.example.fr'] },
  maxBodyBytes: MAX_BODY,
  imports: { workers: 1, nice: 10, heapMb: 640, leaseSeconds: 120, asyncPushBytes: MAX_BODY },
  organizations: [
    {
      ...ORG_A,
      erpToken: ERP_TOKEN_A,
      source: { kind: 'push' },
      schedule: '0 2 * * *',
      sessions: 'auto',
      groups: [],
      removalGuard: { maxRatio: 0.2 },
      updateGuard: { maxRatio: 0.3, minContracts: 20 },
      truncatedGuard: { maxMissingRatio: 0.05 },
      keepReceivedRuns: 30,
    },
    {
      ...ORG_B,
      erpToken: ERP_TOKEN_B,
      source: { kind: 'csv', path: '/tmp/x.csv', mapping: {}, encoding: 'auto', delimiter: 'auto', dateFormat: 'DD/MM/YYYY' },
      schedule: '0 2 * * *',
      sessions: 'auto',
      groups: [],
      removalGuard: { maxRatio: 0.2 },
      updateGuard: { maxRatio: 0.3, minContracts: 20 },
      truncatedGuard: { maxMissingRatio: 0.05 },
      keepReceivedRuns: 30,
    },
  ],
};

export function setup(over: Partial<AppDeps> = {}) {
  const store = new FakeStore();
  const runner = new FakeRunner(store);
  const errors: { msg: string; err: unknown }[] = [];
  const app = createApp({
    store,
    runner,
    config,
    logger: { error: (msg, err) => errors.push({ msg, err }) },
    now: () => NOW,
    ...over,
  });
  return { app, store, runner, errors };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
