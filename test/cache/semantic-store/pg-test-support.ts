import { randomBytes } from 'node:crypto';
import pg from 'pg';

// PostgreSQL 15 with trust auth and pgvector (scripts/install-pgvector.sh); each run works
// in its own schemas and drops them after.
export const DATABASE_URL = process.env.SEMANTIC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const uniqueSchema = (): string => `llmgw_semantic_test_${process.pid}_${randomBytes(4).toString('hex')}`;

export const testPool = (max = 4): pg.Pool => new pg.Pool({ connectionString: DATABASE_URL, max });

export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** pgvector's text form, for bulk loads through unnest(text[]) (the store itself sends binary). */
export const vectorLiteral = (vector: ArrayLike<number>): string => `[${Array.from(vector).join(',')}]`;
