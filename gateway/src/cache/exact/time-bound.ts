/**
 * Settles like `work`, or rejects after `ms`, whichever comes first. The cache's own bound on
 * every Redis call: the client's fail-fast options cover a Redis that is down, this covers one
 * that is up but slow (or a shared client built without them). The late outcome of `work` is
 * dropped, so it can neither surface as an unhandled rejection nor reach the caller.
 */
export function timeBound<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
