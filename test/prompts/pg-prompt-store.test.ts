import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPromptStore, migratePromptSchema, PgPromptStore } from '../../gateway/src/prompts/index.js';
import { describePromptStoreConformance } from './prompt-store-conformance.js';

// PostgreSQL 15 with trust auth; each run works in its own schemas and drops them after.
const DATABASE_URL = process.env.PROMPTS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const uniqueSchema = (): string => `llmgw_prompts_test_${process.pid}_${randomBytes(4).toString('hex')}`;

async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

describePromptStoreConformance('PgPromptStore', async (now) => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 8 });
  const schema = uniqueSchema();
  return {
    store: await createPgPromptStore({ pool, schema, now }),
    reopen: () => createPgPromptStore({ connectionString: DATABASE_URL, schema, now }),
    cleanup: async () => {
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
});

describe('PgPromptStore schema', () => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  const schema = uniqueSchema();
  const input = { messages: [{ role: 'user' as const, content: 'Hi {{name}}' }] };

  beforeAll(async () => {
    await dropSchema(pool, schema);
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('runs its tracked migration once and is a no-op the second time', async () => {
    expect(await migratePromptSchema(pool, { schema })).toEqual([1]);
    expect(await migratePromptSchema(pool, { schema })).toEqual([]);
    const tracked = await pool.query(`SELECT component, version FROM "${schema}".llmgw_schema_migrations`);
    expect(tracked.rows).toEqual([{ component: 'prompts', version: 1 }]);
  });

  it('migrates concurrently without errors (replicas starting together)', async () => {
    const other = uniqueSchema();
    try {
      const results = await Promise.all([1, 2, 3].map(() => migratePromptSchema(pool, { schema: other })));
      expect(results.flat()).toEqual([1]);
    } finally {
      await dropSchema(pool, other);
    }
  });

  it('refuses UPDATE of a version row in the database itself', async () => {
    const store = await createPgPromptStore({ pool, schema });
    await store.createVersion('t', 'p', input);
    await expect(
      pool.query(`UPDATE "${schema}".llmgw_prompt_versions SET hash = 'x' WHERE tenant = 't' AND name = 'p'`),
    ).rejects.toThrow(/immutable/);
  });

  it('hands out gapless versions across several stores (replicas) on separate pools', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPgPromptStore({ connectionString: DATABASE_URL, schema })));
    try {
      const created = await Promise.all(
        Array.from({ length: 30 }, (_, i) => stores[i % 3]!.createVersion('replicas', 'p', input)),
      );
      expect(created.map((v) => v.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('leaves an injected pool open on close, and reports database failures as storage errors', async () => {
    const store = new PgPromptStore({ pool, schema });
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const unmigrated = new PgPromptStore({ pool, schema: uniqueSchema() });
    await expect(unmigrated.list('t')).rejects.toMatchObject({ code: 'storage' });
  });

  it('refuses a schema name that would need quoting', () => {
    expect(() => new PgPromptStore({ pool, schema: 'bad"; DROP TABLE x; --' })).toThrow(/schema name/);
  });
});
