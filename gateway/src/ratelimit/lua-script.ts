import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), loaded on demand: after a Redis restart or
 * SCRIPT FLUSH the server answers NOSCRIPT, and we load it and try once more. The versioned
 * name is the script's first line, so SCRIPT/SLOWLOG output says which rules ran.
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    // Redis names a script by the SHA1 of its source, so we can call it before loading it.
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      await redis.script('LOAD', this.source);
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    }
  }
}

/** A script reply as integers; anything else means the script and this code disagree. */
export function integerReply(name: string, reply: unknown): number[] {
  if (!Array.isArray(reply) || !reply.every((v): v is number => typeof v === 'number')) {
    throw new Error(`${name}: unexpected reply ${JSON.stringify(reply)}`);
  }
  return reply;
}
