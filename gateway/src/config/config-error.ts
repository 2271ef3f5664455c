import type { z } from 'zod';

/** A configuration that cannot start the gateway; the message names the bad path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(root)';
}

export function configErrorFromZod(source: string, error: z.ZodError): ConfigError {
  const lines = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => formatPath([...issue.path, k])) : [];
    const where = keys.length > 0 ? keys.join(', ') : formatPath(issue.path);
    return `  ${where}: ${issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message}`;
  });
  return new ConfigError(`invalid configuration in ${source}:\n${lines.join('\n')}`);
}
