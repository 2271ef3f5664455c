import { canonicalJson } from './canonical-json.js';
import { diffLines, unifiedDiff, type DiffLine } from './line-diff.js';
import type { PromptMessage, PromptMetadataValue, PromptRole, PromptVersion } from './prompt-types.js';

export type DiffablePromptVersion = Pick<PromptVersion, 'name' | 'version' | 'messages' | 'modelHint' | 'metadata' | 'variables'>;

/**
 * Messages are compared index by index (message i of one version with message i of the
 * other), not aligned: a prompt's messages are few and positional, and a message inserted
 * at the front shows as every later message changed, which is what a reader reviewing a
 * prompt change needs to see anyway.
 */
export type MessageDiff =
  | { index: number; change: 'added'; message: PromptMessage }
  | { index: number; change: 'removed'; message: PromptMessage }
  | {
      index: number;
      change: 'changed';
      /** Present when the role differs. */
      role?: { from: PromptRole; to: PromptRole };
      /** Present when the content differs: the line diff and its `diff -u` text. */
      content?: { lines: DiffLine[]; unified: string };
    };

export interface PromptDiff {
  from: { name: string; version: number };
  to: { name: string; version: number };
  /** True when nothing below differs (the two versions have the same hash). */
  identical: boolean;
  /** Only indexes that differ, in order. */
  messages: MessageDiff[];
  /** Present when the model hint differs; a missing side is absent. */
  modelHint?: { from?: string; to?: string };
  metadata: {
    added: Record<string, PromptMetadataValue>;
    removed: Record<string, PromptMetadataValue>;
    changed: Record<string, { from: PromptMetadataValue; to: PromptMetadataValue }>;
  };
  variables: {
    added: string[];
    removed: string[];
    /** In both versions, with a different default or description. */
    changed: string[];
  };
}

/** Pure: what changed from `a` to `b`. Usually a is the older version, but any order works. */
export function diffPromptVersions(a: DiffablePromptVersion, b: DiffablePromptVersion): PromptDiff {
  const messages = diffMessages(a, b);
  const modelHint = a.modelHint === b.modelHint ? undefined : { from: a.modelHint, to: b.modelHint };
  const metadata = diffMetadata(a.metadata, b.metadata);
  const variables = diffVariables(a.variables, b.variables);
  const identical =
    messages.length === 0 &&
    modelHint === undefined &&
    [metadata.added, metadata.removed, metadata.changed].every((part) => Object.keys(part).length === 0) &&
    [variables.added, variables.removed, variables.changed].every((part) => part.length === 0);
  return {
    from: { name: a.name, version: a.version },
    to: { name: b.name, version: b.version },
    identical,
    messages,
    ...(modelHint === undefined ? {} : { modelHint: dropUndefined(modelHint) }),
    metadata,
    variables,
  };
}

function diffMessages(a: DiffablePromptVersion, b: DiffablePromptVersion): MessageDiff[] {
  const diffs: MessageDiff[] = [];
  for (let index = 0; index < Math.max(a.messages.length, b.messages.length); index += 1) {
    const before = a.messages[index];
    const after = b.messages[index];
    if (before === undefined && after !== undefined) diffs.push({ index, change: 'added', message: { ...after } });
    else if (after === undefined && before !== undefined) diffs.push({ index, change: 'removed', message: { ...before } });
    else if (before !== undefined && after !== undefined) {
      if (before.role === after.role && before.content === after.content) continue;
      const lines = diffLines(before.content, after.content);
      const labels = {
        fromLabel: `${a.name}@v${a.version} messages[${index}]`,
        toLabel: `${b.name}@v${b.version} messages[${index}]`,
      };
      diffs.push({
        index,
        change: 'changed',
        ...(before.role === after.role ? {} : { role: { from: before.role, to: after.role } }),
        ...(before.content === after.content ? {} : { content: { lines, unified: unifiedDiff(lines, labels) } }),
      });
    }
  }
  return diffs;
}

function diffMetadata(a: PromptVersion['metadata'], b: PromptVersion['metadata']): PromptDiff['metadata'] {
  const added: [string, PromptMetadataValue][] = [];
  const removed: [string, PromptMetadataValue][] = [];
  const changed: [string, { from: PromptMetadataValue; to: PromptMetadataValue }][] = [];
  for (const [key, from] of Object.entries(a)) {
    if (!Object.hasOwn(b, key)) removed.push([key, from]);
    else {
      const to = b[key];
      if (to !== undefined && to !== from) changed.push([key, { from, to }]);
    }
  }
  for (const [key, to] of Object.entries(b)) if (!Object.hasOwn(a, key)) added.push([key, to]);
  // fromEntries, not assignment: keys come from clients.
  return { added: Object.fromEntries(added), removed: Object.fromEntries(removed), changed: Object.fromEntries(changed) };
}

function diffVariables(a: PromptVersion['variables'], b: PromptVersion['variables']): PromptDiff['variables'] {
  const before = Object.keys(a);
  const after = Object.keys(b);
  return {
    added: after.filter((name) => !Object.hasOwn(a, name)).sort(),
    removed: before.filter((name) => !Object.hasOwn(b, name)).sort(),
    changed: before.filter((name) => Object.hasOwn(b, name) && canonicalJson(a[name]) !== canonicalJson(b[name])).sort(),
  };
}

function dropUndefined(hint: { from: string | undefined; to: string | undefined }): { from?: string; to?: string } {
  return { ...(hint.from === undefined ? {} : { from: hint.from }), ...(hint.to === undefined ? {} : { to: hint.to }) };
}
