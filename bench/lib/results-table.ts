import type { BenchCell } from './bench-cell.js';
import type { TargetCheck } from './target-checks.js';

const COLUMNS = ['target', 'mode', 'conc', 'req/s', 'p50 ms', 'p99 ms', 'TTFT p50', 'TTFT p99', 'added p50', 'added TTFT', 'CPU µs/req', 'target core', 'load core', 'other', 'errors'];

export function resultsTable(cells: readonly BenchCell[]): string {
  const rows = cells.map((cell) => [
    cell.target,
    cell.mode,
    String(cell.concurrency),
    cell.result.requestsPerSecond.toFixed(0),
    ms(cell.result.latencyMs.p50),
    ms(cell.result.latencyMs.p99),
    cell.result.ttftMs === null ? '-' : ms(cell.result.ttftMs.p50),
    cell.result.ttftMs === null ? '-' : ms(cell.result.ttftMs.p99),
    cell.target === 'direct' || cell.addedP50Ms === null ? '-' : ms(cell.addedP50Ms),
    cell.target === 'direct' || cell.addedTtftP50Ms === null ? '-' : ms(cell.addedTtftP50Ms),
    Number.isFinite(cell.cpuUsPerRequest) ? cell.cpuUsPerRequest.toFixed(1) : '?',
    percent(cell.targetCoreBusy),
    percent(cell.loadCoreBusy),
    percent(cell.otherLoad),
    String(cell.result.errors),
  ]);
  return markdownTable(COLUMNS, rows);
}

export function checksText(checks: readonly TargetCheck[]): string {
  return checks.map((check) => `${check.verdict} ${check.name}: ${check.detail}`).join('\n');
}

/** Markdown so the same text pastes into docs/benchmarks.md; padded so it reads in a terminal. */
function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, index) => cell.padStart(widths[index] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => `${'-'.repeat(width + 1)}:`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '?';
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(0)}%` : '?';
}
