import { spawnSync } from 'node:child_process';

/**
 * promtool, from the Debian/Ubuntu package `prometheus` (apt-get install -y prometheus) or a
 * Prometheus release; PROMTOOL may name another binary. Undefined when none is found.
 */
export function findPromtool(): string | undefined {
  const candidates = [process.env.PROMTOOL, 'promtool', '/usr/bin/promtool', '/usr/local/bin/promtool'].filter((c): c is string => c !== undefined && c !== '');
  return candidates.find((candidate) => spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0);
}

export interface PromtoolResult {
  status: number | null;
  output: string;
}

export function runPromtool(promtool: string, args: string[], input?: string): PromtoolResult {
  const result = spawnSync(promtool, args, { input, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export const PROMTOOL_MISSING = 'promtool not found: install the Debian package "prometheus" (apt-get install -y prometheus) or set PROMTOOL';
