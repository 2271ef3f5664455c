import { MemorySemanticCache, PgvectorSemanticCache } from '../../../gateway/src/cache/semantic/store/index.js';
import { describeSemanticStoreConformance } from './semantic-store-conformance.js';
import { dropSchema, testPool, uniqueSchema } from './pg-test-support.js';

describeSemanticStoreConformance('MemorySemanticCache', async (options) => {
  const store = new MemorySemanticCache(options);
  return { store, close: () => store.close() };
});

// A fresh schema per store: the suite's tenants and scopes never meet another run's rows.
describeSemanticStoreConformance('PgvectorSemanticCache', async (options) => {
  const pool = testPool();
  const schema = uniqueSchema();
  const store = new PgvectorSemanticCache({ ...options, pool, schema });
  await store.open();
  return {
    store,
    close: async () => {
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
});
