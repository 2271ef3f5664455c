import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BenchCell } from './bench-cell.js';
import type { BenchOptions } from './bench-options.js';
import type { ProfileSummary } from './cpu-profile-summary.js';
import type { MachineInfo } from './machine-info.js';
import { repoPaths } from './repo-paths.js';
import type { TargetCheck } from './target-checks.js';

export interface BenchReport {
  readonly startedAt: string;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly cells: readonly BenchCell[];
  readonly checks: readonly TargetCheck[];
  /** Gateway CPU profile summary, with --profile-gateway. */
  readonly profile?: ProfileSummary;
  /** Targets that could not be measured, with why. */
  readonly failures?: readonly string[];
}

/**
 * Writes the report to --out, or to bench/results/<date>.json; either way it is also copied
 * to bench/results/latest.json so tooling has one stable path to read.
 */
export function writeReport(report: BenchReport, out: string | undefined): string {
  const file = out === undefined ? `${repoPaths.results}${report.startedAt.slice(0, 10)}.json` : resolve(out);
  mkdirSync(dirname(file), { recursive: true });
  // NaN is not JSON: unmeasured figures become null instead of vanishing silently.
  writeFileSync(file, `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`);
  const latest = `${repoPaths.results}latest.json`;
  mkdirSync(repoPaths.results, { recursive: true });
  if (resolve(file) !== resolve(latest)) copyFileSync(file, latest);
  return file;
}
