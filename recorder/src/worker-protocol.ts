/**
 * Messages between the main thread (`WorkerTransport`) and the thread that owns the chdb
 * session (`embedded-worker`). Both sides check what they receive: a message port is a boundary.
 */
export type WorkerRequest =
  | { id: number; op: 'command'; sql: string }
  | { id: number; op: 'query'; sql: string; params: Record<string, string | number> }
  | { id: number; op: 'insert'; table: string; body: Uint8Array[]; token: string }
  | { id: number; op: 'ping' }
  | { id: number; op: 'close' };

/** Distributes Omit over the union, so each op keeps its own fields. */
export type WorkerCall = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export type WorkerResponse =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; ok: true; rows: unknown[] | null }
  | { kind: 'result'; id: number; ok: false; message: string; type?: string };

export interface WorkerSetup {
  dataDir: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isChunkList(value: unknown): value is Uint8Array[] {
  return Array.isArray(value) && value.every((chunk) => chunk instanceof Uint8Array);
}

export function parseWorkerSetup(value: unknown): WorkerSetup {
  if (isRecord(value) && typeof value.dataDir === 'string') return { dataDir: value.dataDir };
  throw new Error('embedded ClickHouse worker started without { dataDir }');
}

export function parseWorkerRequest(value: unknown): WorkerRequest | undefined {
  if (!isRecord(value) || typeof value.id !== 'number') return undefined;
  const id = value.id;
  switch (value.op) {
    case 'command':
      return typeof value.sql === 'string' ? { id, op: 'command', sql: value.sql } : undefined;
    case 'query': {
      if (typeof value.sql !== 'string' || !isRecord(value.params)) return undefined;
      const params: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(value.params)) {
        if (typeof v !== 'string' && typeof v !== 'number') return undefined;
        params[k] = v;
      }
      return { id, op: 'query', sql: value.sql, params };
    }
    case 'insert':
      return typeof value.table === 'string' && isChunkList(value.body) && typeof value.token === 'string'
        ? { id, op: 'insert', table: value.table, body: value.body, token: value.token }
        : undefined;
    case 'ping':
    case 'close':
      return { id, op: value.op };
    default:
      return undefined;
  }
}

export function parseWorkerResponse(value: unknown): WorkerResponse | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === 'ready') return { kind: 'ready' };
  if (value.kind === 'failed') return { kind: 'failed', message: String(value.message) };
  if (value.kind !== 'result' || typeof value.id !== 'number') return undefined;
  if (value.ok === true) {
    const rows = Array.isArray(value.rows) ? (value.rows as unknown[]) : null;
    return { kind: 'result', id: value.id, ok: true, rows };
  }
  const type = typeof value.type === 'string' ? value.type : undefined;
  return { kind: 'result', id: value.id, ok: false, message: String(value.message), ...(type === undefined ? {} : { type }) };
}
