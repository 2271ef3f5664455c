import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RequestRecord } from './record-types.js';
import { attemptRow, requestRow } from './row-mapping.js';

/**
 * A batch ready for ClickHouse: each table's JSONEachRow body (UTF-8 of a JSON array of row
 * objects, which ClickHouse's JSONEachRow input accepts) as a list of chunks, and the dedup
 * token that makes a re-send harmless. The same bytes go to ClickHouse and into the spill file.
 */
export interface EncodedBatch {
  token: string;
  rows: number;
  attemptRows: number;
  requests: Buffer[];
  attempts: Buffer[];
}

/** Records per slice before giving the event loop a turn (JSON of 1000 traces is milliseconds). */
const SLICE = 100;

export function byteLength(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

/**
 * One chunk of a body, in memory shared with worker threads. Posting a SharedArrayBuffer to the
 * embedded engine's worker neither copies nor detaches it, so the main thread keeps the bytes
 * (to spill them if the insert fails) at no cost. Written once here, never mutated afterwards.
 * Chunks rather than one buffer: allocating and filling memory is paid slice by slice, between
 * event-loop turns (fresh pages are slow to fault in on some VMs: measured ~4 ms/MB).
 */
function sharedChunk(prefix: string, rows: readonly string[]): Buffer {
  // Rows are written one by one into the chunk: joining them first would copy every byte once more.
  const size = Buffer.byteLength(prefix, 'latin1') + rows.reduce((sum, row) => sum + Buffer.byteLength(row, 'utf8'), 0) + rows.length - 1;
  const chunk = Buffer.from(new SharedArrayBuffer(size));
  let at = chunk.write(prefix, 0, 'latin1');
  rows.forEach((row, i) => {
    if (i > 0) at += chunk.write(',', at, 'latin1');
    at += chunk.write(row, at, 'utf8');
  });
  return chunk;
}

/** Closes a body's JSON array: `[` was written with its first rows, `]` is the last chunk. */
const EMPTY_ARRAY = Buffer.from('[]');
const CLOSE_ARRAY = Buffer.from(']');

function closeArray(chunks: Buffer[]): Buffer[] {
  return chunks.length === 0 ? [EMPTY_ARRAY] : [...chunks, CLOSE_ARRAY];
}

/**
 * Serializes a batch on the main thread in slices, yielding between them, so a 1000-row batch
 * with large traces never holds the event loop for more than a slice. A record that cannot be
 * serialized is left out and reported, never poisoning its batch.
 */
export async function encodeBatch(records: readonly RequestRecord[], token: string): Promise<{ batch: EncodedBatch; unencodable: number }> {
  const requests: Buffer[] = [];
  const attempts: Buffer[] = [];
  let rows = 0;
  let attemptRows = 0;
  let unencodable = 0;
  for (let start = 0; start < records.length; start += SLICE) {
    if (start > 0) await yieldToLoop();
    const requestJson: string[] = [];
    const attemptJson: string[] = [];
    for (const record of records.slice(start, start + SLICE)) {
      try {
        const request = JSON.stringify(requestRow(record));
        const recordAttempts = (Array.isArray(record.attempts) ? record.attempts : []).map((a, i) => JSON.stringify(attemptRow(record, a, i)));
        requestJson.push(request);
        attemptJson.push(...recordAttempts);
      } catch {
        unencodable++;
      }
    }
    if (requestJson.length > 0) requests.push(sharedChunk(rows === 0 ? '[' : ',', requestJson));
    if (attemptJson.length > 0) attempts.push(sharedChunk(attemptRows === 0 ? '[' : ',', attemptJson));
    rows += requestJson.length;
    attemptRows += attemptJson.length;
  }
  const batch: EncodedBatch = { token, rows, attemptRows, requests: closeArray(requests), attempts: closeArray(attempts) };
  return { batch, unencodable };
}

/**
 * One spill line, as chunks to write in order: a JSON object (so `jq` can read the spill) whose
 * header fields come first and carry the byte lengths of the two row arrays. Reading a line back
 * then needs only the small header parsed and two zero-copy slices, not a JSON.parse of
 * megabytes on the main thread.
 */
export function encodeSpillLine(batch: EncodedBatch): Buffer[] {
  const header =
    `{"v":1,"token":${JSON.stringify(batch.token)},"rows":${batch.rows},"attemptRows":${batch.attemptRows}` +
    `,"requestsBytes":${byteLength(batch.requests)},"attemptsBytes":${byteLength(batch.attempts)}`;
  return [Buffer.from(`${header}${REQUESTS_KEY}`), ...batch.requests, Buffer.from(ATTEMPTS_KEY), ...batch.attempts, Buffer.from('}\n')];
}

const REQUESTS_KEY = ',"requests":';
const ATTEMPTS_KEY = ',"attempts":';

interface SpillHeader {
  v: number;
  token: string;
  rows: number;
  attemptRows: number;
  requestsBytes: number;
  attemptsBytes: number;
}

function isSpillHeader(value: unknown): value is SpillHeader {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 1 &&
    typeof v.token === 'string' &&
    ['rows', 'attemptRows', 'requestsBytes', 'attemptsBytes'].every((k) => Number.isInteger(v[k]))
  );
}

const BRACKET_OPEN = 0x5b;
const BRACKET_CLOSE = 0x5d;

function isJsonArray(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === BRACKET_OPEN && bytes[bytes.length - 1] === BRACKET_CLOSE;
}

/** The inverse of `encodeSpillLine` (without its newline); undefined for a line that is not one (e.g. cut by a crash). */
export function decodeSpillLine(line: Buffer): EncodedBatch | undefined {
  const at = line.indexOf(REQUESTS_KEY);
  if (at < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(`${line.toString('utf8', 0, at)}}`);
  } catch {
    return undefined;
  }
  if (!isSpillHeader(header)) return undefined;
  const requestsStart = at + REQUESTS_KEY.length;
  const requestsEnd = requestsStart + header.requestsBytes;
  const attemptsStart = requestsEnd + ATTEMPTS_KEY.length;
  const attemptsEnd = attemptsStart + header.attemptsBytes;
  const requests = line.subarray(requestsStart, requestsEnd);
  const attempts = line.subarray(attemptsStart, attemptsEnd);
  const intact =
    line.toString('utf8', requestsEnd, attemptsStart) === ATTEMPTS_KEY &&
    isJsonArray(requests) &&
    isJsonArray(attempts) &&
    line.toString('utf8', attemptsEnd).trimEnd() === '}';
  if (!intact) return undefined;
  return { token: header.token, rows: header.rows, attemptRows: header.attemptRows, requests: [requests], attempts: [attempts] };
}
