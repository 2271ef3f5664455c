import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openTransport, runMigrations, type ClickHouseTransport } from '../../recorder/src/index.js';
import { tempRecorderDirs } from './record-fixtures.js';

describe('recorder migrations (embedded chdb)', () => {
  const dirs = tempRecorderDirs('migrations');
  let transport: ClickHouseTransport;

  beforeAll(async () => {
    transport = await openTransport({ kind: 'embedded', dataDir: dirs.dataDir });
  });

  afterAll(async () => {
    await transport.close();
    dirs.remove();
  });

  it('applies every migration once; running them again is a no-op', async () => {
    const first = await runMigrations(transport, MIGRATIONS, { ttlDays: 30 });
    expect(first.applied).toEqual([1, 2, 3]);
    const second = await runMigrations(transport, MIGRATIONS, { ttlDays: 30 });
    expect(second).toEqual({ applied: [], ttlChanged: [] });

    const tracked = await transport.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(tracked).toEqual([
      { version: 1, name: 'create requests' },
      { version: 2, name: 'create attempts' },
      { version: 3, name: 'add recorded_at' },
    ]);
  });

  it('re-running a step whose statements already ran (a crash before it was tracked) succeeds', async () => {
    await transport.command('ALTER TABLE schema_migrations DELETE WHERE version = 3 SETTINGS mutations_sync = 1');
    const rerun = await runMigrations(transport, MIGRATIONS, { ttlDays: 30 });
    expect(rerun.applied).toEqual([3]);
  });

  it('creates the documented layout: partitions, ordering keys, TTL, dedup window, skip index', async () => {
    const tables = (await transport.query(
      "SELECT name, partition_key, sorting_key, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN ('requests', 'attempts') ORDER BY name",
    )) as Array<{ name: string; partition_key: string; sorting_key: string; engine_full: string }>;
    expect(tables.map((t) => [t.name, t.partition_key, t.sorting_key])).toEqual([
      ['attempts', 'toYYYYMM(started_at)', 'target, started_at, request_id, attempt_index'],
      ['requests', 'toYYYYMM(started_at)', 'tenant, started_at, request_id'],
    ]);
    for (const t of tables) {
      expect(t.engine_full).toContain('TTL toDateTime(started_at) + toIntervalDay(30)');
      expect(t.engine_full).toContain('non_replicated_deduplication_window = 10000');
    }
    const indexes = await transport.query("SELECT table, name, type FROM system.data_skipping_indices WHERE database = currentDatabase() ORDER BY table");
    expect(indexes).toEqual([
      { table: 'attempts', name: 'idx_request_id', type: 'bloom_filter' },
      { table: 'requests', name: 'idx_request_id', type: 'bloom_filter' },
    ]);
  });

  it('follows a changed ttlDays on the next start, once', async () => {
    expect((await runMigrations(transport, MIGRATIONS, { ttlDays: 7 })).ttlChanged).toEqual(['attempts', 'requests']);
    expect((await runMigrations(transport, MIGRATIONS, { ttlDays: 7 })).ttlChanged).toEqual([]);
    const [row] = (await transport.query("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'requests'")) as Array<{ engine_full: string }>;
    expect(row?.engine_full).toContain('toIntervalDay(7)');
  });

  it('deduplicates a re-sent batch by its token, per table', async () => {
    const row = JSON.stringify({ request_id: 'dup-1', started_at: new Date().toISOString().replace('T', ' ').slice(0, 23), trace: '{}', rate_limit: '{}' });
    await transport.insert('requests', [Buffer.from(`[${row}]`)], 'batch-token-1');
    await transport.insert('requests', [Buffer.from(`[${row}]`)], 'batch-token-1');
    await transport.insert('requests', [Buffer.from(`[${row}]`)], 'batch-token-2');
    const [count] = (await transport.query("SELECT count() AS c FROM requests WHERE request_id = 'dup-1'")) as Array<{ c: string | number }>;
    expect(Number(count?.c)).toBe(2);
  });
});
