import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16;
/** 256 ids per refill: one call into the CSPRNG instead of one per request. */
const POOL_BYTES = ID_BYTES * 256;

/**
 * Request ids `req_<32 hex>`: 128 random bits, so they are unique and not guessable (a trace
 * is looked up by its id). Drawn from a pooled buffer, as crypto.randomUUID does internally,
 * but without the dashes it would add and the `replaceAll` that took them out again.
 */
export function createRequestIds(): () => string {
  const pool = Buffer.alloc(POOL_BYTES);
  let at = POOL_BYTES;
  return () => {
    if (at === POOL_BYTES) {
      randomFillSync(pool);
      at = 0;
    }
    const id = `req_${pool.toString('hex', at, at + ID_BYTES)}`;
    at += ID_BYTES;
    return id;
  };
}
