import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff, type DiffLine } from './line-diff.js';

const ops = (lines: DiffLine[]): string => lines.map((line) => `${line.op[0]}${line.text}`).join(' ');

describe('diffLines', () => {
  it('keeps common lines and marks removed and added ones', () => {
    expect(ops(diffLines('a\nb\nc\nd', 'a\nc\nx\nd'))).toBe('ea rb ec ax ed');
  });

  it('finds the longest common subsequence, not just a shared head and tail', () => {
    const lines = diffLines('x\na\nb\nc\ny', 'z\na\nc\nb\nw');
    expect(lines.filter((line) => line.op === 'equal')).toHaveLength(2);
  });

  it('handles identical, empty and fully different texts', () => {
    expect(ops(diffLines('a\nb', 'a\nb'))).toBe('ea eb');
    expect(ops(diffLines('a', 'b'))).toBe('ra ab');
    expect(ops(diffLines('', 'a'))).toBe('r aa');
  });

  it('falls back to remove-all / add-all for very large rewrites', () => {
    const before = Array.from({ length: 2500 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 2500 }, (_, i) => `new ${i}`).join('\n');
    const lines = diffLines(before, after);
    expect(lines.slice(0, 2500).every((line) => line.op === 'remove')).toBe(true);
    expect(lines.slice(2500).every((line) => line.op === 'add')).toBe(true);
  });
});

describe('unifiedDiff', () => {
  const labels = { fromLabel: 'p@v1', toLabel: 'p@v2' };

  it('is empty when nothing changed', () => {
    expect(unifiedDiff(diffLines('a\nb', 'a\nb'), labels)).toBe('');
  });

  it('writes headers, hunk ranges and context as diff -u does', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].join('\n');
    const after = ['1', '2', 'two-and-a-half', '3', '4', '5', '6', '7', '8', '9', '10', '12'].join('\n');
    expect(unifiedDiff(diffLines(before, after), labels)).toBe(
      [
        '--- p@v1',
        '+++ p@v2',
        '@@ -1,5 +1,6 @@',
        ' 1',
        ' 2',
        '+two-and-a-half',
        ' 3',
        ' 4',
        ' 5',
        '@@ -8,5 +9,4 @@',
        ' 8',
        ' 9',
        ' 10',
        '-11',
        ' 12',
        '',
      ].join('\n'),
    );
  });

  it('merges changes separated by at most twice the context into one hunk', () => {
    const text = unifiedDiff(diffLines('a\n1\n2\n3\n4\n5\n6\nb', 'A\n1\n2\n3\n4\n5\n6\nB'), labels);
    expect(text.match(/^@@/gm)).toHaveLength(1);
    expect(text).toContain('@@ -1,8 +1,8 @@');
  });

  it('names the line before an empty range', () => {
    expect(unifiedDiff(diffLines('a', 'a\nb'), { ...labels, context: 0 })).toContain('@@ -1,0 +2 @@');
  });
});
