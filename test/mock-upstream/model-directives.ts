// Fault injection rides on the model name (`gpt-4o+status=429+delay=50`) so a gateway that
// maps `provider/<model>` to an upstream model can trigger faults with no extra plumbing.
// See README.md for what each directive does.

export interface Directives {
  /** Answer with this HTTP status and the protocol's error body. */
  readonly status: number | null;
  /** Wait before sending response headers. */
  readonly delayMs: number;
  /** Streams: wait after headers before the first event (JSON: same as delay). */
  readonly ttftMs: number;
  /** Streams: wait between events (inter-token latency). */
  readonly chunkDelayMs: number;
  readonly stall: boolean;
  /** Streams: send this many content chunks, then stall. */
  readonly stallAfter: number | null;
  readonly midstreamError: boolean;
  /** Answer 400 with the vendor's own "context window exceeded" error. */
  readonly contextOverflow: boolean;
  readonly reset: boolean;
  readonly garbage: boolean;
  /** Answer `w1 … wn` instead of the echo. */
  readonly words: number | null;
  /** Fail the first n requests for this exact model string with 500. */
  readonly failFirst: number | null;
}

export interface ModelSpec {
  /** The full string the client sent; fail-first counts per this key. */
  readonly raw: string;
  /** The piece before the first `+`: the model reported back. */
  readonly model: string;
  readonly directives: Directives;
}

export type ModelSpecResult = { ok: true; spec: ModelSpec } | { ok: false; message: string };

const NO_DIRECTIVES: Directives = Object.freeze({
  status: null,
  delayMs: 0,
  ttftMs: 0,
  chunkDelayMs: 0,
  stall: false,
  stallAfter: null,
  midstreamError: false,
  contextOverflow: false,
  reset: false,
  garbage: false,
  words: null,
  failFirst: null,
});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FLAGS = {
  stall: 'stall',
  'midstream-error': 'midstreamError',
  'context-overflow': 'contextOverflow',
  reset: 'reset',
  garbage: 'garbage',
} as const satisfies Record<string, keyof Directives>;

const NUMBERS = {
  status: 'status',
  delay: 'delayMs',
  ttft: 'ttftMs',
  'chunk-delay': 'chunkDelayMs',
  'stall-after': 'stallAfter',
  words: 'words',
  'fail-first': 'failFirst',
} as const satisfies Record<string, keyof Directives>;

function isFlag(name: string): name is keyof typeof FLAGS {
  return Object.hasOwn(FLAGS, name);
}

function isNumeric(name: string): name is keyof typeof NUMBERS {
  return Object.hasOwn(NUMBERS, name);
}

export function parseModelSpec(raw: string): ModelSpecResult {
  // Fast path: a plain model name allocates nothing.
  if (!raw.includes('+')) return { ok: true, spec: { raw, model: raw, directives: NO_DIRECTIVES } };
  const [model = '', ...parts] = raw.split('+');
  const directives: Mutable<Directives> = { ...NO_DIRECTIVES };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? undefined : part.slice(eq + 1);
    if (isFlag(name) && value === undefined) {
      directives[FLAGS[name]] = true;
    } else if (isNumeric(name) && value !== undefined && /^\d+$/.test(value)) {
      directives[NUMBERS[name]] = Number(value);
    } else {
      // Loud on typos: a silently ignored directive makes a fault test pass for the wrong reason.
      return { ok: false, message: `mock-upstream: unknown or malformed model directive '${part}'` };
    }
  }
  if (directives.status !== null && (directives.status < 400 || directives.status > 599)) {
    return { ok: false, message: `mock-upstream: status=${directives.status} is not an HTTP error status (400-599)` };
  }
  return { ok: true, spec: { raw, model, directives } };
}
