import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptStore, PromptVersionInput } from '../../gateway/src/prompts/index.js';
import { preparePromptContent } from '../../gateway/src/prompts/prompt-content.js';

/**
 * The one behaviour every PromptStore must have. Each implementation's test file calls
 * describePromptStoreConformance with a factory over real storage (a temp directory, a
 * throw-away PostgreSQL schema). Tests share one store and keep apart by tenant.
 */
export interface PromptStoreHarness {
  store: PromptStore;
  /** A second store over the same storage, set up again (migrations included). */
  reopen(): Promise<PromptStore>;
  cleanup(): Promise<void>;
}

export type PromptStoreFactory = (now: () => Date) => Promise<PromptStoreHarness>;

const input = (text: string, extra: Partial<PromptVersionInput> = {}): PromptVersionInput => ({
  messages: [
    { role: 'system', content: 'You answer for {{ team }}.' },
    { role: 'user', content: text },
  ],
  ...extra,
});

export function describePromptStoreConformance(label: string, factory: PromptStoreFactory): void {
  describe(`PromptStore conformance: ${label}`, () => {
    let harness: PromptStoreHarness;
    let store: PromptStore;
    let tenants = 0;
    // Every reading of the clock is one second after the previous one.
    let clock = Date.parse('2025-06-01T12:00:00.000Z');
    const now = (): Date => new Date((clock += 1000));
    const tenant = (): string => `tenant-${++tenants}`;

    beforeAll(async () => {
      harness = await factory(now);
      store = harness.store;
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('creates versions 1, 2, 3 with what the store assigns', async () => {
      const t = tenant();
      const before = clock;
      const first = await store.createVersion(t, 'greeter', input('Hi {{name}}', { modelHint: 'gpt-4o', metadata: { owner: 'a' } }));
      expect(first).toEqual({
        tenant: t,
        name: 'greeter',
        version: 1,
        messages: input('Hi {{name}}').messages,
        modelHint: 'gpt-4o',
        metadata: { owner: 'a' },
        variables: { name: {}, team: {} },
        createdAt: new Date(before + 1000).toISOString(),
        labels: [],
        hash: preparePromptContent(input('Hi {{name}}', { modelHint: 'gpt-4o', metadata: { owner: 'a' } })).hash,
      });
      const second = await store.createVersion(t, 'greeter', input('Hello {{name}}', { variables: { name: { default: 'you' } } }));
      const third = await store.createVersion(t, 'greeter', input('Hey'));
      expect([second.version, third.version]).toEqual([2, 3]);
      expect(second.variables).toEqual({ name: { default: 'you' }, team: {} });
      expect(second).not.toHaveProperty('modelHint');
      expect(await store.getVersion(t, 'greeter', 2)).toEqual(second);
      expect((await store.listVersions(t, 'greeter')).map((v) => v.version)).toEqual([1, 2, 3]);
    });

    it('finds nothing for unknown or malformed names and versions', async () => {
      const t = tenant();
      await store.createVersion(t, 'p', input('x'));
      expect(await store.getVersion(t, 'p', 2)).toBeUndefined();
      expect(await store.getVersion(t, 'other', 1)).toBeUndefined();
      expect(await store.getVersion(t, 'p', 0)).toBeUndefined();
      expect(await store.getVersion(t, 'p', 1.5)).toBeUndefined();
      expect(await store.getVersion(t, '../p', 1)).toBeUndefined();
      expect(await store.getByLabel(t, 'p', 'production')).toBeUndefined();
      expect(await store.getByLabel(t, 'p', 'NOT A LABEL')).toBeUndefined();
      expect(await store.resolve(t, { name: 'missing' })).toBeUndefined();
      expect(await store.listVersions(t, 'missing')).toEqual([]);
    });

    it('keeps versions immutable: no update API, same content again makes a new version, copies out', async () => {
      const t = tenant();
      const members = [...Object.getOwnPropertyNames(Object.getPrototypeOf(store)), ...Object.keys(store)];
      expect(members.filter((member) => /update|edit|replace/i.test(member))).toEqual([]);
      const first = await store.createVersion(t, 'p', input('same'));
      const again = await store.createVersion(t, 'p', input('same'));
      expect(again.version).toBe(2);
      expect(again.hash).toBe(first.hash);
      first.messages[1]!.content = 'mutated';
      first.metadata.x = 1;
      const stored = await store.getVersion(t, 'p', 1);
      expect(stored?.messages[1]?.content).toBe('same');
      expect(stored?.metadata).toEqual({});
      expect(stored?.createdAt).toBe(first.createdAt);
    });

    it('validates input, names and labels on write', async () => {
      const t = tenant();
      const bad = { messages: [{ role: 'user', content: '{{ not valid }}' }] } as PromptVersionInput;
      await expect(store.createVersion(t, 'p', bad)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.createVersion(t, 'bad/name', input('x'))).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.createVersion(t, 'p', input('x'), { labels: ['latest'] })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.createVersion(t, 'p', input('x'), { labels: ['Prod'] })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.createVersion('', 'p', input('x'))).rejects.toMatchObject({ code: 'invalid_input' });
      expect(await store.listVersions(t, 'p')).toEqual([]);
    });

    it('moves labels; old versions stay retrievable by number', async () => {
      const t = tenant();
      const v1 = await store.createVersion(t, 'p', input('one'), { labels: ['production', 'staging'] });
      expect(v1.labels).toEqual(['production', 'staging']);
      await store.createVersion(t, 'p', input('two'));
      expect((await store.getByLabel(t, 'p', 'production'))?.version).toBe(1);

      await store.moveLabel(t, 'p', 'production', 2);
      expect((await store.getByLabel(t, 'p', 'production'))?.version).toBe(2);
      expect((await store.resolve(t, { name: 'p', label: 'production' }))?.messages[1]?.content).toBe('two');
      expect((await store.getVersion(t, 'p', 1))?.labels).toEqual(['staging']);
      expect((await store.getVersion(t, 'p', 2))?.labels).toEqual(['production']);
      expect((await store.getVersion(t, 'p', 1))?.messages[1]?.content).toBe('one');

      await store.moveLabel(t, 'p', 'production', 1); // back again
      expect((await store.getByLabel(t, 'p', 'production'))?.version).toBe(1);
      await store.createVersion(t, 'p', input('three'), { labels: ['production'] });
      expect((await store.getByLabel(t, 'p', 'production'))?.version).toBe(3);
      expect((await store.getByLabel(t, 'p', 'staging'))?.version).toBe(1);
    });

    it('resolves: version, label, latest, then production before the newest by default', async () => {
      const t = tenant();
      await store.createVersion(t, 'p', input('one'));
      await store.createVersion(t, 'p', input('two'));
      expect((await store.resolve(t, { name: 'p' }))?.version).toBe(2);
      expect((await store.getByLabel(t, 'p', 'latest'))?.version).toBe(2);
      await store.moveLabel(t, 'p', 'production', 1);
      expect((await store.resolve(t, { name: 'p' }))?.version).toBe(1);
      expect((await store.resolve(t, { name: 'p', label: 'latest' }))?.version).toBe(2);
      expect((await store.resolve(t, { name: 'p', version: 2, variables: { a: 'b' } }))?.version).toBe(2);
      expect(await store.resolve(t, { name: 'p', label: 'nope' })).toBeUndefined();
      expect(await store.resolve(t, { name: 'p', version: 9 })).toBeUndefined();
      await expect(store.resolve(t, { name: 'p', version: 1, label: 'production' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect(await store.deleteLabel(t, 'p', 'production')).toBe(true);
      expect(await store.deleteLabel(t, 'p', 'production')).toBe(false);
      expect((await store.resolve(t, { name: 'p' }))?.version).toBe(2);
    });

    it('refuses to move a label to a version or prompt that does not exist, or to move latest', async () => {
      const t = tenant();
      await store.createVersion(t, 'p', input('one'), { labels: ['production'] });
      await expect(store.moveLabel(t, 'p', 'production', 2)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.moveLabel(t, 'missing', 'production', 1)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.moveLabel(t, 'p', 'latest', 1)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.moveLabel(t, 'p', 'Bad Label', 1)).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.moveLabel(t, 'p', 'production', 0)).rejects.toMatchObject({ code: 'invalid_input' });
      expect((await store.getByLabel(t, 'p', 'production'))?.version).toBe(1);
    });

    it('isolates tenants completely', async () => {
      const a = tenant();
      const b = tenant();
      await store.createVersion(a, 'shared', input('from a'), { labels: ['production'] });
      await store.createVersion(a, 'shared', input('from a, v2'));
      await store.createVersion(a, 'only-a', input('secret'));
      const fromB = await store.createVersion(b, 'shared', input('from b'));
      expect(fromB.version).toBe(1);
      expect(fromB.tenant).toBe(b);

      expect((await store.resolve(b, { name: 'shared' }))?.messages[1]?.content).toBe('from b');
      expect(await store.getVersion(b, 'shared', 2)).toBeUndefined();
      expect(await store.getByLabel(b, 'shared', 'production')).toBeUndefined();
      expect(await store.getVersion(b, 'only-a', 1)).toBeUndefined();
      await expect(store.moveLabel(b, 'shared', 'staging', 2)).rejects.toMatchObject({ code: 'not_found' });
      expect((await store.list(b)).map((s) => s.name)).toEqual(['shared']);
      expect((await store.listVersions(b, 'shared')).map((v) => v.tenant)).toEqual([b]);
      expect((await store.getVersion(a, 'shared', 1))?.messages[1]?.content).toBe('from a');
    });

    it('lists a tenant’s prompts by name with latest version, labels and last change', async () => {
      const t = tenant();
      expect(await store.list(t)).toEqual([]);
      await store.createVersion(t, 'zeta', input('z'));
      await store.createVersion(t, 'alpha', input('a1'));
      const latest = await store.createVersion(t, 'alpha', input('a2'), { labels: ['staging'] });
      await store.moveLabel(t, 'alpha', 'production', 1);
      const movedAt = new Date(clock).toISOString();
      const summaries = await store.list(t);
      expect(summaries).toEqual([
        { name: 'alpha', latestVersion: 2, labels: { production: 1, staging: 2 }, updatedAt: movedAt },
        { name: 'zeta', latestVersion: 1, labels: {}, updatedAt: expect.any(String) },
      ]);
      expect(Date.parse(summaries[0]!.updatedAt)).toBeGreaterThan(Date.parse(latest.createdAt));
    });

    it('gives 20 concurrent createVersion calls the versions 1..20, each once', async () => {
      const t = tenant();
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.createVersion(t, 'busy', input(`call ${i}`))),
      );
      expect(created.map((v) => v.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const stored = await store.listVersions(t, 'busy');
      expect(stored.map((v) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // Each call's content landed under the number it was told.
      for (const version of created) expect(stored[version.version - 1]?.hash).toBe(version.hash);
    });

    it('keeps label writes and creations consistent when they race', async () => {
      const t = tenant();
      await store.createVersion(t, 'race', input('base'));
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => store.createVersion(t, 'race', input(`v ${i}`), { labels: ['production'] })),
        ...Array.from({ length: 8 }, () => store.moveLabel(t, 'race', 'production', 1)),
      ]);
      const [summary] = await store.list(t);
      expect(summary?.latestVersion).toBe(9);
      const production = await store.getByLabel(t, 'race', 'production');
      expect(production?.labels).toContain('production');
      expect(summary?.labels.production).toBe(production?.version);
    });

    it('keeps everything when the store is opened again', async () => {
      const t = tenant();
      await store.createVersion(t, 'kept', input('one'));
      const v2 = await store.createVersion(t, 'kept', input('two'), { labels: ['production'] });
      const reopened = await harness.reopen();
      try {
        expect(await reopened.getVersion(t, 'kept', 2)).toEqual(v2);
        expect((await reopened.resolve(t, { name: 'kept' }))?.version).toBe(2);
        expect((await reopened.createVersion(t, 'kept', input('three'))).version).toBe(3);
      } finally {
        await reopened.close();
      }
    });
  });
}
