import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readPromptDocument, writePromptDocument, type PromptDocument, type StoredPromptVersion } from './file-prompt-document.js';
import { KeyedMutex } from './keyed-mutex.js';
import { preparePromptContent, toPromptVersion } from './prompt-content.js';
import { PromptStoreError } from './prompt-errors.js';
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

export interface FilePromptStoreOptions {
  /** Where the files go; relative paths are resolved against the working directory. */
  directory?: string;
  /** The clock for createdAt / updatedAt (injected so tests control it). */
  now?: () => Date;
}

export const DEFAULT_PROMPT_DIRECTORY = join('.data', 'prompts');

/**
 * The embedded store: `<directory>/<sha256(tenant)[:32]>/<sha256(name)[:32]>.json`, one file
 * per tenant + prompt. Hashed names keep any tenant id and the case of a prompt name safe
 * on every file system (two names differing only in case must not share a file on macOS).
 *
 * Files are loaded on first use and kept in memory, and writes to one file are serialised
 * in-process, so this store assumes it is the only writer of its directory: one gateway
 * process. Several replicas need PgPromptStore.
 */
export class FilePromptStore implements PromptStore {
  readonly directory: string;
  private readonly now: () => Date;
  private readonly documents = new Map<string, Promise<PromptDocument | undefined>>();
  private readonly writes = new KeyedMutex();

  constructor(options: FilePromptStoreOptions = {}) {
    this.directory = resolve(options.directory ?? DEFAULT_PROMPT_DIRECTORY);
    this.now = options.now ?? (() => new Date());
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
    const labels = (options.labels ?? []).map(checkAssignableLabel);
    const path = this.pathOf(tenant, name);
    return this.writes.run(path, async () => {
      const current = await this.load(path, tenant);
      const createdAt = this.now().toISOString();
      const stored: StoredPromptVersion = { version: (current?.versions.length ?? 0) + 1, createdAt, hash, content };
      const moved = new Map(current?.labels);
      for (const label of labels) moved.set(label, stored.version);
      const next: PromptDocument = { tenant, name, updatedAt: createdAt, labels: moved, versions: [...(current?.versions ?? []), stored] };
      await this.save(path, next);
      return this.toVersion(next, stored);
    });
  }

  async getVersion(tenant: string, name: string, version: number): Promise<PromptVersion | undefined> {
    const document = await this.read(tenant, name);
    const stored = document && isVersionNumber(version) ? document.versions[version - 1] : undefined;
    return document && stored ? this.toVersion(document, stored) : undefined;
  }

  async getByLabel(tenant: string, name: string, label: string): Promise<PromptVersion | undefined> {
    if (!isPromptLabel(label)) return undefined;
    const document = await this.read(tenant, name);
    if (document === undefined) return undefined;
    const version = label === LATEST_PROMPT_LABEL ? document.versions.length : document.labels.get(label);
    const stored = version === undefined ? undefined : document.versions[version - 1];
    return stored ? this.toVersion(document, stored) : undefined;
  }

  async resolve(tenant: string, ref: PromptRef): Promise<PromptVersion | undefined> {
    const target = refTarget(ref);
    if (target.kind === 'version') return this.getVersion(tenant, ref.name, target.version);
    if (target.kind === 'label') return this.getByLabel(tenant, ref.name, target.label);
    return (await this.getByLabel(tenant, ref.name, target.label)) ?? this.getByLabel(tenant, ref.name, LATEST_PROMPT_LABEL);
  }

  async list(tenant: string): Promise<PromptSummary[]> {
    checkTenant(tenant);
    const directory = this.tenantDirectory(tenant);
    let files: string[];
    try {
      files = await readdir(directory);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw new PromptStoreError('storage', `cannot list ${directory}`, { cause: error });
    }
    const documents = await Promise.all(
      files.filter((file) => /^[0-9a-f]{32}\.json$/.test(file)).map((file) => this.load(join(directory, file), tenant)),
    );
    return documents
      .filter((document): document is PromptDocument => document !== undefined && document.versions.length > 0)
      .map((document) => ({
        name: document.name,
        latestVersion: document.versions.length,
        labels: Object.fromEntries([...document.labels].sort(([a], [b]) => (a < b ? -1 : 1))),
        updatedAt: document.updatedAt,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async listVersions(tenant: string, name: string): Promise<PromptVersion[]> {
    const document = await this.read(tenant, name);
    return document ? document.versions.map((stored) => this.toVersion(document, stored)) : [];
  }

  async moveLabel(tenant: string, name: string, label: string, version: number): Promise<void> {
    checkTenant(tenant);
    checkName(name);
    checkAssignableLabel(label);
    checkVersionNumber(version);
    const path = this.pathOf(tenant, name);
    await this.writes.run(path, async () => {
      const current = await this.load(path, tenant);
      if (current === undefined || version > current.versions.length) {
        throw new PromptStoreError('not_found', `prompt ${name} has no version ${version}`);
      }
      if (current.labels.get(label) === version) return;
      const labels = new Map(current.labels).set(label, version);
      await this.save(path, { ...current, labels, updatedAt: this.now().toISOString() });
    });
  }

  async deleteLabel(tenant: string, name: string, label: string): Promise<boolean> {
    checkTenant(tenant);
    if (!isPromptName(name) || !isPromptLabel(label)) return false;
    const path = this.pathOf(tenant, name);
    return this.writes.run(path, async () => {
      const current = await this.load(path, tenant);
      if (current === undefined || !current.labels.has(label)) return false;
      const labels = new Map(current.labels);
      labels.delete(label);
      await this.save(path, { ...current, labels, updatedAt: this.now().toISOString() });
      return true;
    });
  }

  /** Waits for writes in flight; there is nothing else to release. */
  async close(): Promise<void> {
    await this.writes.idle();
  }

  private async read(tenant: string, name: string): Promise<PromptDocument | undefined> {
    checkTenant(tenant);
    return isPromptName(name) ? this.load(this.pathOf(tenant, name), tenant) : undefined;
  }

  /** Cached per file; a failed load is forgotten so the next call tries the disk again. */
  private load(path: string, tenant: string): Promise<PromptDocument | undefined> {
    let loading = this.documents.get(path);
    if (loading === undefined) {
      loading = readPromptDocument(path).then((document) => {
        // The path is a hash of tenant and name: a file holding another one was copied or
        // edited by hand, and serving it would break tenant isolation.
        if (document && (document.tenant !== tenant || this.pathOf(document.tenant, document.name) !== path)) {
          throw new PromptStoreError('storage', `${path} holds another tenant's or prompt's versions`);
        }
        return document;
      });
      this.documents.set(path, loading);
      loading.catch(() => this.documents.delete(path));
    }
    return loading;
  }

  private async save(path: string, document: PromptDocument): Promise<void> {
    await writePromptDocument(path, document);
    this.documents.set(path, Promise.resolve(document));
  }

  private toVersion(document: PromptDocument, stored: StoredPromptVersion): PromptVersion {
    const labels = [...document.labels].filter(([, version]) => version === stored.version).map(([label]) => label);
    return toPromptVersion({ tenant: document.tenant, name: document.name, labels, ...stored }, stored.content);
  }

  private tenantDirectory(tenant: string): string {
    return join(this.directory, sha256(tenant).slice(0, 32));
  }

  private pathOf(tenant: string, name: string): string {
    return join(this.tenantDirectory(tenant), `${sha256(name).slice(0, 32)}.json`);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
