import { resolve } from 'node:path';
import { BatchWriter } from './batch-writer.js';
import { DEFAULT_EMBEDDED_DATA_DIR, openTransport, type ClickHouseTarget } from './clickhouse-connection.js';
import type { ClickHouseTransport } from './clickhouse-transport.js';
import { FaultInjectingTransport, type FaultInjector } from './fault-injection.js';
import { ManagedTransport } from './managed-transport.js';
import { MIGRATIONS, runMigrations } from './migrations/index.js';
import type { RecordedRequest, RequestRecord } from './record-types.js';
import { readRequest } from './request-reader.js';
import { SpillStore } from './spill-store.js';
import { resolveWriterOptions, type BatchWriterOptions, type WriterEvent, type WriterStats } from './writer-options.js';

export interface RecorderOptions {
  /** Default: the embedded engine in `.data/clickhouse` (relative to the working directory). */
  target?: ClickHouseTarget;
  /** Store request and response bodies (already redacted by the gateway). Default true. */
  bodies?: boolean;
  /** Rows expire this many days after the request started. Default 30. */
  ttlDays?: number;
  /** Folder of the spill files. Default `.data/recorder-spill`. One process per folder. */
  spillDir?: string;
  writer?: BatchWriterOptions;
  /** Transitions worth logging (ClickHouse down / up, drops). Never called per record. */
  onEvent?: (event: WriterEvent) => void;
  /** Tests only: fail or stall inserts and pings on purpose. */
  faultInjector?: FaultInjector;
}

export interface Recorder {
  /** Whether bodies are kept; when false the gateway can skip building them. */
  readonly storesBodies: boolean;
  /** Queue one finished request. Synchronous, O(1), never throws, never waits. */
  record(record: RequestRecord): void;
  /** A recorded request with its attempts and trace; one still queued in memory is found too. */
  getRequest(requestId: string): Promise<RecordedRequest | undefined>;
  /**
   * A read query for named reports (lab, dashboards' checks, tests); `{name:Type}` placeholders
   * are bound from `params`. Rows come back as unknown JSON objects to be validated by the caller.
   */
  query(sql: string, params?: Record<string, string | number>): Promise<unknown[]>;
  stats(): WriterStats;
  /** Everything recorded so far is in ClickHouse, or in the spill if ClickHouse is down. */
  flush(): Promise<void>;
  /** Flush, then stop. Unwritten batches stay in the spill and are replayed at the next start. */
  close(): Promise<void>;
  /** Resolves once the spill is open, ClickHouse answered and the migrations ran; rejects with why not. */
  ready(): Promise<void>;
}

export const DEFAULT_SPILL_DIR = '.data/recorder-spill';

export function createRecorder(options: RecorderOptions = {}): Recorder {
  const target: ClickHouseTarget = options.target ?? { kind: 'embedded', dataDir: DEFAULT_EMBEDDED_DATA_DIR };
  const ttlDays = options.ttlDays ?? 30;
  const bodies = options.bodies ?? true;
  const writerOptions = resolveWriterOptions(options.writer);
  const { faultInjector } = options;

  const transport = new ManagedTransport(async (): Promise<ClickHouseTransport> => {
    const opened = await openTransport(target);
    try {
      await runMigrations(opened, MIGRATIONS, { ttlDays });
    } catch (err) {
      await opened.close().catch(() => undefined);
      throw err;
    }
    return faultInjector === undefined ? opened : new FaultInjectingTransport(opened, faultInjector);
  });
  const spill = new SpillStore(resolve(options.spillDir ?? DEFAULT_SPILL_DIR), writerOptions.spillMaxBytes, writerOptions.spillFileMaxBytes);
  const spillOpened = spill.open();
  const writer = new BatchWriter(transport, spill, spillOpened, writerOptions, options.onEvent);
  // Connect and migrate at once rather than on the first batch; a failure here is retried by the
  // writer and reported by ready().
  transport.connect().catch(() => undefined);

  return {
    storesBodies: bodies,
    record(record) {
      writer.record(bodies ? record : { ...record, requestBody: null, responseBody: null });
    },
    async getRequest(requestId) {
      const pending = writer.findPending(requestId);
      if (pending !== undefined) {
        const { attempts, ...request } = pending;
        let trace: unknown;
        try {
          trace = JSON.parse(request.trace);
        } catch {
          trace = undefined;
        }
        return { request: { ...request, recordedAt: 0 }, attempts, trace, source: 'memory' };
      }
      return readRequest(transport, requestId);
    },
    query: (sql, params) => transport.query(sql, params),
    stats: () => writer.stats(),
    flush: () => writer.flush(),
    async close() {
      await writer.close();
      await transport.close();
    },
    async ready() {
      await spillOpened;
      await transport.connect();
    },
  };
}
