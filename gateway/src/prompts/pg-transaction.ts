import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it resolves,
 * ROLLBACK when it throws (the error is rethrown as is). A connection whose ROLLBACK fails
 * is in an unknown state, so it is destroyed rather than handed back to the pool.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
