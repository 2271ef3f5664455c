import { z } from 'zod';
import type { PgPromptTables } from './pg-prompt-migrations.js';
import { promptContentSchema, toPromptVersion } from './prompt-content.js';
import { PromptStoreError } from './prompt-errors.js';
import type { PromptSummary, PromptVersion } from './prompt-types.js';

/**
 * SQL text and row decoding for PgPromptStore. Every query filters on tenant first, since
 * it leads every key. Orderings use COLLATE "C" (byte order) so names and labels sort as
 * JavaScript compares strings, and both stores list in the same order.
 */

/** Which version(s) a version query selects; $1 tenant, $2 name, $3 the argument. */
export type VersionSelector = 'all' | 'version' | 'label' | 'latest' | 'label-or-latest';

export function selectVersionsSql(t: PgPromptTables, selector: VersionSelector): string {
  const byLabel = `(SELECT l.version FROM ${t.labels} l WHERE l.tenant = $1 AND l.name = $2 AND l.label = $3)`;
  const latest = `(SELECT p.latest_version FROM ${t.prompts} p WHERE p.tenant = $1 AND p.name = $2)`;
  const where = {
    all: 'TRUE',
    version: 'v.version = $3',
    label: `v.version = ${byLabel}`,
    latest: `v.version = ${latest}`,
    'label-or-latest': `v.version = COALESCE(${byLabel}, ${latest})`,
  }[selector];
  return `
    SELECT v.version, v.content, v.hash, v.created_at,
      ARRAY(
        SELECT l.label FROM ${t.labels} l
        WHERE l.tenant = v.tenant AND l.name = v.name AND l.version = v.version
        ORDER BY l.label COLLATE "C"
      ) AS labels
    FROM ${t.versions} v
    WHERE v.tenant = $1 AND v.name = $2 AND ${where}
    ORDER BY v.version`;
}

export function listPromptsSql(t: PgPromptTables): string {
  return `
    SELECT p.name, p.latest_version, p.updated_at,
      COALESCE(
        (SELECT jsonb_object_agg(l.label, l.version) FROM ${t.labels} l WHERE l.tenant = p.tenant AND l.name = p.name),
        '{}'::jsonb
      ) AS labels
    FROM ${t.prompts} p
    WHERE p.tenant = $1
    ORDER BY p.name COLLATE "C"`;
}

/** Bumps (or starts) the prompt's counter; the row stays locked until the transaction ends. */
export function nextVersionSql(t: PgPromptTables): string {
  return `
    INSERT INTO ${t.prompts} AS p (tenant, name, latest_version, updated_at) VALUES ($1, $2, 1, $3)
    ON CONFLICT (tenant, name) DO UPDATE
      SET latest_version = p.latest_version + 1, updated_at = GREATEST(p.updated_at, EXCLUDED.updated_at)
    RETURNING p.latest_version`;
}

export function insertVersionSql(t: PgPromptTables): string {
  return `INSERT INTO ${t.versions} (tenant, name, version, content, hash, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`;
}

/** $3 is a text[] of labels, all pointed at version $4. */
export function upsertLabelsSql(t: PgPromptTables): string {
  return `
    INSERT INTO ${t.labels} (tenant, name, label, version, updated_at)
    SELECT $1::text, $2::text, label, $4::integer, $5::timestamptz FROM unnest($3::text[]) AS label
    ON CONFLICT (tenant, name, label) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`;
}

/** Locks the prompt's row first, as createVersion does, so label writes cannot deadlock with it. */
export function lockPromptSql(t: PgPromptTables): string {
  return `SELECT latest_version FROM ${t.prompts} WHERE tenant = $1 AND name = $2 FOR UPDATE`;
}

export function touchPromptSql(t: PgPromptTables): string {
  return `UPDATE ${t.prompts} SET updated_at = GREATEST(updated_at, $3) WHERE tenant = $1 AND name = $2`;
}

export function deleteLabelSql(t: PgPromptTables): string {
  return `DELETE FROM ${t.labels} WHERE tenant = $1 AND name = $2 AND label = $3`;
}

const versionRowSchema = z.object({
  version: z.number().int(),
  content: promptContentSchema,
  hash: z.string(),
  created_at: z.date(),
  labels: z.array(z.string()),
});

const summaryRowSchema = z.object({
  name: z.string(),
  latest_version: z.number().int(),
  updated_at: z.date(),
  labels: z.record(z.string(), z.number().int()),
});

export const latestVersionRowSchema = z.object({ latest_version: z.number().int() });

export function decodeVersionRow(tenant: string, name: string, row: unknown): PromptVersion {
  const { version, content, hash, created_at: createdAt, labels } = parseRow(versionRowSchema, row);
  return toPromptVersion({ tenant, name, version, hash, labels, createdAt: createdAt.toISOString() }, content);
}

export function decodeSummaryRow(row: unknown): PromptSummary {
  const { name, latest_version: latestVersion, updated_at: updatedAt, labels } = parseRow(summaryRowSchema, row);
  // jsonb orders object keys by length first; sort them the way the file store does.
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return { name, latestVersion, labels: Object.fromEntries(sorted), updatedAt: updatedAt.toISOString() };
}

export function parseRow<T>(schema: z.ZodType<T>, row: unknown): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new PromptStoreError('storage', `unexpected prompt row: ${parsed.error.message}`);
  return parsed.data;
}
