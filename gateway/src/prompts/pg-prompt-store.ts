import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { migratePromptSchema, pgPromptTables, type PgPromptTables } from './pg-prompt-migrations.js';
import {
  decodeSummaryRow,
  decodeVersionRow,
  deleteLabelSql,
  insertVersionSql,
  latestVersionRowSchema,
  listPromptsSql,
  lockPromptSql,
  nextVersionSql,
  parseRow,
  selectVersionsSql,
  touchPromptSql,
  upsertLabelsSql,
  type VersionSelector,
} from './pg-prompt-queries.js';
import { withTransaction } from '../db/pg-transaction.js';
import { preparePromptContent, toPromptVersion } from './prompt-content.js';
import { isPromptStoreError, PromptStoreError } from './prompt-errors.js';
import type { CreatePromptVersionOptions, PromptStore } from './prompt-store.js';
import { LATEST_PROMPT_LABEL, type PromptRef, type PromptSummary, type PromptVersion, type PromptVersionInput } from './prompt-types.js';
import {
  checkAssignableLabel,
  checkName,
  checkTenant,
  checkVersionNumber,
  isPromptLabel,
  isPromptName,
  isVersionNumber,
  refTarget,
} from './store-arguments.js';

export interface PgPromptStoreOptions {
  /** An injected pool; the store never ends it. Give this or `connectionString`. */
  pool?: Pool;
  /** The store builds (and on close ends) its own pool. */
  connectionString?: string;
  /** A PostgreSQL schema for the tables (created by the migration); default: search_path. */
  schema?: string;
  now?: () => Date;
}

/**
 * The production store. Version numbers come from a per-prompt counter row bumped by an
 * upsert inside the creating transaction: the row lock serialises concurrent creators and
 * a rolled-back creation gives its number back, so versions have no gaps. Versions also
 * refuse UPDATE in the database itself (a trigger), not only by having no API for it.
 */
export class PgPromptStore implements PromptStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly tables: PgPromptTables;
  private readonly now: () => Date;

  /** Does no I/O; run migrate() (or use createPgPromptStore) before the first query. */
  constructor(options: PgPromptStoreOptions) {
    if (options.pool === undefined && options.connectionString === undefined) {
      throw new PromptStoreError('invalid_input', 'PgPromptStore needs a pool or a connection string');
    }
    this.tables = pgPromptTables(options.schema);
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    // An idle connection that dies emits 'error' on the pool, which would crash the process
    // if nobody listened; pg drops that connection and the next query reports any outage.
    if (this.ownsPool) this.pool.on('error', () => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /** Applies missing migrations; returns the versions applied. */
  migrate(): Promise<number[]> {
    return migratePromptSchema(this.pool, this.tables.schema === undefined ? {} : { schema: this.tables.schema });
  }

  async createVersion(
    tenant: string,
    name: string,
    input: PromptVersionInput,
    options: CreatePromptVersionOptions = {},
  ): Promise<PromptVersion> {
    checkTenant(tenant);
    checkName(name);
    const { content, hash } = preparePromptContent(input);
    const labels = [...new Set((options.labels ?? []).map(checkAssignableLabel))];
    const createdAt = this.now();
    return this.guard(() =>
      withTransaction(this.pool, async (client) => {
        const counter = await client.query(nextVersionSql(this.tables), [tenant, name, createdAt]);
        const { latest_version: version } = parseRow(latestVersionRowSchema, counter.rows[0]);
        const values = [tenant, name, version, JSON.stringify(content), hash, createdAt];
        await client.query(insertVersionSql(this.tables), values);
        if (labels.length > 0) await client.query(upsertLabelsSql(this.tables), [tenant, name, labels, version, createdAt]);
        return toPromptVersion({ tenant, name, version, hash, labels, createdAt: createdAt.toISOString() }, content);
      }),
    );
  }

  async getVersion(tenant: string, name: string, version: number): Promise<PromptVersion | undefined> {
    if (!isVersionNumber(version)) return undefined;
    return (await this.select(tenant, name, 'version', version))[0];
  }

  async getByLabel(tenant: string, name: string, label: string): Promise<PromptVersion | undefined> {
    if (!isPromptLabel(label)) return undefined;
    const versions =
      label === LATEST_PROMPT_LABEL
        ? await this.select(tenant, name, 'latest')
        : await this.select(tenant, name, 'label', label);
    return versions[0];
  }

  /** One query whatever the reference, since this runs on the request path. */
  async resolve(tenant: string, ref: PromptRef): Promise<PromptVersion | undefined> {
    const target = refTarget(ref);
    if (target.kind === 'version') return this.getVersion(tenant, ref.name, target.version);
    if (target.kind === 'label') return this.getByLabel(tenant, ref.name, target.label);
    return (await this.select(tenant, ref.name, 'label-or-latest', target.label))[0];
  }

  async list(tenant: string): Promise<PromptSummary[]> {
    checkTenant(tenant);
    const result = await this.guard(() => this.pool.query(listPromptsSql(this.tables), [tenant]));
    return result.rows.map(decodeSummaryRow);
  }

  listVersions(tenant: string, name: string): Promise<PromptVersion[]> {
    return this.select(tenant, name, 'all');
  }

  async moveLabel(tenant: string, name: string, label: string, version: number): Promise<void> {
    checkTenant(tenant);
    checkName(name);
    checkAssignableLabel(label);
    checkVersionNumber(version);
    const at = this.now();
    await this.guard(() =>
      withTransaction(this.pool, async (client) => {
        // Versions are 1..latest without gaps, so the locked counter says whether it exists.
        const latest = await this.lockPrompt(client, tenant, name);
        if (latest === undefined || version > latest) {
          throw new PromptStoreError('not_found', `prompt ${name} has no version ${version}`);
        }
        await client.query(upsertLabelsSql(this.tables), [tenant, name, [label], version, at]);
        await client.query(touchPromptSql(this.tables), [tenant, name, at]);
      }),
    );
  }

  async deleteLabel(tenant: string, name: string, label: string): Promise<boolean> {
    checkTenant(tenant);
    if (!isPromptName(name) || !isPromptLabel(label)) return false;
    const at = this.now();
    return this.guard(() =>
      withTransaction(this.pool, async (client) => {
        if ((await this.lockPrompt(client, tenant, name)) === undefined) return false;
        const deleted = await client.query(deleteLabelSql(this.tables), [tenant, name, label]);
        if (deleted.rowCount === 0) return false;
        await client.query(touchPromptSql(this.tables), [tenant, name, at]);
        return true;
      }),
    );
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async select(
    tenant: string,
    name: string,
    selector: VersionSelector,
    argument?: string | number,
  ): Promise<PromptVersion[]> {
    checkTenant(tenant);
    if (!isPromptName(name)) return [];
    const params = argument === undefined ? [tenant, name] : [tenant, name, argument];
    const result = await this.guard(() => this.pool.query(selectVersionsSql(this.tables, selector), params));
    return result.rows.map((row: unknown) => decodeVersionRow(tenant, name, row));
  }

  private async lockPrompt(client: PoolClient, tenant: string, name: string): Promise<number | undefined> {
    const result = await client.query(lockPromptSql(this.tables), [tenant, name]);
    const row: unknown = result.rows[0];
    return row === undefined ? undefined : parseRow(latestVersionRowSchema, row).latest_version;
  }

  /** Database failures become `storage` errors; the store's own errors pass through. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isPromptStoreError(error)) throw error;
      throw new PromptStoreError('storage', 'prompt store query failed', { cause: error });
    }
  }
}

/** Builds a PgPromptStore and brings its schema up to date. */
export async function createPgPromptStore(options: PgPromptStoreOptions): Promise<PgPromptStore> {
  const store = new PgPromptStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
