export class TimeoutError extends Error {}

/**
 * Rejects after `ms` if `work` has not settled. The work itself keeps running (neither HTTP
 * nor chdb can take an insert back); dedup tokens make its late success harmless.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
