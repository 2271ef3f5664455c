import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { hashPromptContent, promptContentSchema, type PromptContent } from './prompt-content.js';
import { PromptStoreError } from './prompt-errors.js';

/**
 * One prompt (tenant + name) as the file store keeps it: every version and the labels, in
 * one JSON file that is rewritten whole on each change. Prompts have few, small versions,
 * so a whole-file rewrite is cheap and makes every change atomic (temp file + rename).
 */
export interface StoredPromptVersion {
  version: number;
  createdAt: string;
  hash: string;
  content: PromptContent;
}

/** Treated as an immutable value: a change builds a new document. */
export interface PromptDocument {
  tenant: string;
  name: string;
  updatedAt: string;
  labels: ReadonlyMap<string, number>;
  /** versions[i].version === i + 1. */
  versions: readonly StoredPromptVersion[];
}

const FORMAT = 1;

const fileSchema = z.strictObject({
  format: z.literal(FORMAT),
  tenant: z.string(),
  name: z.string(),
  updatedAt: z.string(),
  labels: z.record(z.string(), z.number().int()),
  versions: z.array(
    z.strictObject({ version: z.number().int(), createdAt: z.string(), hash: z.string(), content: promptContentSchema }),
  ),
});

/** undefined when the file does not exist. @throws PromptStoreError `storage` for a bad file. */
export async function readPromptDocument(path: string): Promise<PromptDocument | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw new PromptStoreError('storage', `cannot read ${path}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PromptStoreError('storage', `${path} is not JSON`, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new PromptStoreError('storage', `${path} is not a prompt file: ${parsed.error.message}`);
  const document: PromptDocument = { ...parsed.data, labels: new Map(Object.entries(parsed.data.labels)) };
  checkConsistency(path, document);
  return document;
}

/** Writes a temp file beside the target, flushes it, then renames it over the target. */
export async function writePromptDocument(path: string, document: PromptDocument): Promise<void> {
  const json = {
    format: FORMAT,
    tenant: document.tenant,
    name: document.name,
    updatedAt: document.updatedAt,
    labels: Object.fromEntries([...document.labels].sort(([a], [b]) => (a < b ? -1 : 1))),
    versions: document.versions,
  };
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
      // Without the flush a crash right after the rename can leave an empty file behind.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new PromptStoreError('storage', `cannot write ${path}`, { cause: error });
  }
}

// A hand-edited or truncated file must fail loudly, not serve a silently changed version.
function checkConsistency(path: string, document: PromptDocument): void {
  document.versions.forEach((stored, index) => {
    if (stored.version !== index + 1) {
      throw new PromptStoreError('storage', `${path}: version ${stored.version} is at position ${index + 1}`);
    }
    if (hashPromptContent(stored.content) !== stored.hash) {
      throw new PromptStoreError('storage', `${path}: version ${stored.version} does not match its hash`);
    }
  });
  for (const [label, version] of document.labels) {
    if (version < 1 || version > document.versions.length) {
      throw new PromptStoreError('storage', `${path}: label ${label} points at missing version ${version}`);
    }
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
