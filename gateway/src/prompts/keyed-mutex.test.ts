import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in call order, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (id: string, fail = false) => async () => {
      log.push(`start ${id}`);
      await Promise.resolve();
      await Promise.resolve();
      log.push(`end ${id}`);
      if (fail) throw new Error(id);
      return id;
    };
    const results = await Promise.allSettled([mutex.run('k', task('a')), mutex.run('k', task('b', true)), mutex.run('k', task('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets different keys interleave', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let release: () => void = () => {};
    const blocked = mutex.run('a', () => new Promise<void>((resolve) => (release = resolve)).then(() => log.push('a')));
    await mutex.run('b', async () => log.push('b'));
    release();
    await blocked;
    await mutex.idle();
    expect(log).toEqual(['b', 'a']);
  });
});
