import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BenchCell, MeasuredCell } from './bench-cell.js';
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
  /** One row per cell, the rounds combined per --aggregate: what the table shows. */
  readonly cells: readonly BenchCell[];
  /** Every round of every cell, as measured. */
  readonly rounds: readonly MeasuredCell[];
  readonly checks: readonly TargetCheck[];
  /** CPU profile summaries of the proxies named in --profile. */
  readonly profiles?: Readonly<Record<string, ProfileSummary>>;
  /** Targets that could not be measured, with why. */
  readonly failures?: readonly string[];
}

/**
 * Writes the report to bench/results/<date>.json and copies it to bench/results/latest.json,
 * the one stable path tooling reads. With --out it goes only there: side runs (profiles,
 * experiments) must not replace the latest full result.
 */
export function writeReport(report: BenchReport, out: string | undefined): string {
  const file = out === undefined ? `${repoPaths.results}${report.startedAt.slice(0, 10)}.json` : resolve(out);
  mkdirSync(dirname(file), { recursive: true });
  // NaN is not JSON: unmeasured figures become null instead of vanishing silently.
  writeFileSync(file, `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`);
  if (out === undefined) copyFileSync(file, `${repoPaths.results}latest.json`);
  return file;
}
