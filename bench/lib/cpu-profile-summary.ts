// Summarises a V8 .cpuprofile (node --cpu-prof) by self time: which functions, and which
// packages / source trees, the process spent its samples in.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeEntry {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  /** Sampled time the process was not idle; shares are of this. */
  readonly busyMs: number;
  readonly idleMs: number;
  readonly functions: readonly SelfTimeEntry[];
  readonly modules: readonly SelfTimeEntry[];
}

export function summariseCpuProfile(file: string, top: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalMicros = 0;
  let idleMicros = 0;
  profile.samples.forEach((id, index) => {
    // timeDeltas[i] is the gap before sample i: the time that sample stands for.
    const micros = Math.max(0, profile.timeDeltas[index] ?? 0);
    const frame = nodeById.get(id)?.callFrame;
    if (frame === undefined) return;
    // Waiting for work is not a cost; leaving it in would dilute every share.
    if (frame.functionName === '(idle)') {
      idleMicros += micros;
      return;
    }
    totalMicros += micros;
    add(byFunction, functionLabel(frame), micros);
    add(byModule, moduleLabel(frame), micros);
  });
  return { busyMs: totalMicros / 1000, idleMs: idleMicros / 1000, functions: ranked(byFunction, totalMicros, top), modules: ranked(byModule, totalMicros, top) };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const lines = (entries: readonly SelfTimeEntry[]): string[] => entries.map((entry) => `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.ms.toFixed(0).padStart(7)} ms  ${entry.name}`);
  return [
    `profile: ${summary.busyMs.toFixed(0)} ms busy (+ ${summary.idleMs.toFixed(0)} ms idle); shares are of busy time`,
    'top self time by function:',
    ...lines(summary.functions),
    'self time by module:',
    ...lines(summary.modules),
  ].join('\n');
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function ranked(map: Map<string, number>, totalMicros: number, top: number): SelfTimeEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: totalMicros > 0 ? micros / totalMicros : 0 }));
}

function functionLabel(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  return `${name}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/** Groups by npm package, by the repo's own source tree, or by node internals. */
function moduleLabel(frame: CallFrame): string {
  const url = frame.url;
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? `node:internal/${url.split('/')[1] ?? ''}` : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  const own = /\/(gateway|test|bench)\/dist\/([^/]+)/.exec(url);
  if (own !== null) return `${own[1]}/${own[2]}`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const own = /\/((?:gateway|test|bench)\/dist\/.*)$/.exec(url) ?? /(node_modules\/.*)$/.exec(url);
  return own?.[1] ?? url.replace(/^file:\/\//, '');
}
