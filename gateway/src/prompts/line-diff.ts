/**
 * A line diff from the longest common subsequence, and its unified-diff text. Prompts are
 * small, so the quadratic table is fine once the common head and tail are cut off; past
 * MAX_TABLE_CELLS (a rewrite of thousands of lines) the middle is reported as removed and
 * re-added rather than spending memory on a minimal diff nobody will read.
 */

export type DiffOp = 'equal' | 'add' | 'remove';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

const MAX_TABLE_CELLS = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;

  const equal = (lines: string[]): DiffLine[] => lines.map((text) => ({ op: 'equal', text }));
  const middle = lcsDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...equal(a.slice(0, head)), ...middle, ...equal(a.slice(a.length - tail))];
}

function lcsDiff(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    return [...a.map((text): DiffLine => ({ op: 'remove', text })), ...b.map((text): DiffLine => ({ op: 'add', text }))];
  }
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..]. Under the cap the shorter
  // side is below 2,000 lines, so 16 bits hold every length.
  const width = m + 1;
  const lcs = new Uint16Array((n + 1) * width);
  const at = (i: number, j: number): number => lcs[i * width + j] ?? 0;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const lineA = a[i];
    const lineB = b[j];
    if (i < n && j < m && lineA === lineB) {
      lines.push({ op: 'equal', text: lineA ?? '' });
      i += 1;
      j += 1;
    } else if (j >= m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      lines.push({ op: 'remove', text: lineA ?? '' });
      i += 1;
    } else {
      lines.push({ op: 'add', text: lineB ?? '' });
      j += 1;
    }
  }
  return lines;
}

export interface UnifiedDiffOptions {
  fromLabel: string;
  toLabel: string;
  /** Unchanged lines shown around each change; 3 as in `diff -u`. */
  context?: number;
}

/** `diff -u` text for a line diff; empty when nothing changed. */
export function unifiedDiff(lines: readonly DiffLine[], options: UnifiedDiffOptions): string {
  const context = options.context ?? 3;
  const changes = lines.flatMap((line, index) => (line.op === 'equal' ? [] : [index]));
  if (changes.length === 0) return '';

  // Group changes whose gap of equal lines is small enough to show as one hunk.
  const hunks: Array<[number, number]> = [];
  for (const index of changes) {
    const last = hunks[hunks.length - 1];
    if (last !== undefined && index - last[1] <= 2 * context + 1) last[1] = index;
    else hunks.push([index, index]);
  }

  // Line numbers (1-based) in the old and new text where each diff line starts.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let nw = 1;
  for (const line of lines) {
    oldLine.push(o);
    newLine.push(nw);
    if (line.op !== 'add') o += 1;
    if (line.op !== 'remove') nw += 1;
  }

  let out = `--- ${options.fromLabel}\n+++ ${options.toLabel}\n`;
  for (const [first, last] of hunks) {
    const start = Math.max(0, first - context);
    const end = Math.min(lines.length - 1, last + context);
    const slice = lines.slice(start, end + 1);
    const oldCount = slice.filter((line) => line.op !== 'add').length;
    const newCount = slice.filter((line) => line.op !== 'remove').length;
    out += `@@ -${range(oldLine[start] ?? 1, oldCount)} +${range(newLine[start] ?? 1, newCount)} @@\n`;
    for (const line of slice) out += `${line.op === 'equal' ? ' ' : line.op === 'add' ? '+' : '-'}${line.text}\n`;
  }
  return out;
}

// GNU diff: the count is left out when it is 1; an empty range names the line before it.
function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}
