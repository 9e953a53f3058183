import { createMemoryStore } from '../../../server/store/memory/index.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('memory', async () => ({ store: createMemoryStore(), cleanup: async () => {} }));
