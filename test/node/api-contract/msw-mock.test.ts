/** The admin API contract against the MSW mock (the app over the in-memory store), intercepting fetch in Node. */
import { after, before } from 'node:test';
import { startMockApi, type MockApi } from '../../../mock-api/node.ts';
import { apiContractSuite } from './suite.ts';

let mock: MockApi;
before(async () => {
  mock = await startMockApi({ scenario: 'normal', today: '2026-11-28', onUnhandledRequest: 'error' });
});
after(() => mock.stop());

apiContractSuite('MSW mock (memory store)', () => ({ base: 'http://localhost/api/erp-sync', token: mock.token }));
