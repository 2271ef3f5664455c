import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilePromptStore } from '../../gateway/src/prompts/index.js';
import { describePromptStoreConformance } from './prompt-store-conformance.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const input = { messages: [{ role: 'user' as const, content: 'Hi {{name}}' }] };

describePromptStoreConformance('FilePromptStore', async (now) => {
  const directory = await mkdtemp(join(tmpdir(), 'llmgw-prompts-'));
  return {
    store: new FilePromptStore({ directory, now }),
    reopen: async () => new FilePromptStore({ directory, now }),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe('FilePromptStore on disk', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmgw-prompts-disk-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('defaults to .data/prompts under the working directory', () => {
    expect(new FilePromptStore().directory).toBe(resolve('.data/prompts'));
  });

  it('writes one hashed file per tenant + prompt and leaves no temp files', async () => {
    const store = new FilePromptStore({ directory: join(directory, 'layout') });
    await Promise.all([
      store.createVersion('Tenant/../A', 'Greeter', input),
      store.createVersion('Tenant/../A', 'greeter', input),
      store.createVersion('b', 'Greeter', input),
    ]);
    await store.close();
    const tenants = await readdir(join(directory, 'layout'));
    expect(tenants).toHaveLength(2);
    for (const tenant of tenants) expect(tenant).toMatch(/^[0-9a-f]{32}$/);
    const files = (await Promise.all(tenants.map((t) => readdir(join(directory, 'layout', t))))).flat();
    expect(files).toHaveLength(3); // names differing only in case get their own files
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{32}\.json$/);
  });

  it('fails loudly on a corrupt or hand-edited file instead of serving it', async () => {
    const root = join(directory, 'corrupt');
    const writer = new FilePromptStore({ directory: root });
    await writer.createVersion('t', 'edited', input);
    await writer.createVersion('t', 'broken', input);
    const [tenantDir] = await readdir(root);
    const paths = (await readdir(join(root, tenantDir!))).map((file) => join(root, tenantDir!, file));
    for (const path of paths) {
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.includes('"edited"') ? text.replace('Hi {{name}}', 'Bye {{name}}') : '{"format":1,', 'utf8');
    }
    const reader = new FilePromptStore({ directory: root });
    await expect(reader.getVersion('t', 'edited', 1)).rejects.toMatchObject({ code: 'storage', message: /hash/ });
    await expect(reader.getVersion('t', 'broken', 1)).rejects.toMatchObject({ code: 'storage', message: /not JSON/ });
    await expect(reader.list('t')).rejects.toMatchObject({ code: 'storage' });
  });

  it('refuses a file moved under another tenant', async () => {
    const root = join(directory, 'moved');
    const store = new FilePromptStore({ directory: root });
    await store.createVersion('a', 'p', input);
    await store.createVersion('b', 'other', input);
    const dirA = join(root, sha256('a').slice(0, 32));
    const [fileA] = await readdir(dirA);
    await writeFile(join(root, sha256('b').slice(0, 32), fileA!), await readFile(join(dirA, fileA!)));
    const reader = new FilePromptStore({ directory: root });
    await expect(reader.list('b')).rejects.toMatchObject({ code: 'storage' });
  });
});
