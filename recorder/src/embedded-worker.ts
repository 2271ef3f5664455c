/**
 * Worker-thread entry that owns the chdb session. chdb runs its queries on the calling thread's
 * event loop and stalls it (measured: tens of ms per 1k-row insert), so the gateway's main thread
 * never touches the engine: it posts batches and queries here (see `WorkerTransport`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ClientTransport } from './client-transport.js';
import { clickHouseErrorType, errorMessage } from './clickhouse-transport.js';
import { createEmbeddedClient } from './embedded-client.js';
import { parseWorkerRequest, parseWorkerSetup, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('embedded-worker must run in a worker thread');

function send(message: WorkerResponse): void {
  port?.postMessage(message);
}

async function open(): Promise<ClientTransport | undefined> {
  try {
    const { dataDir } = parseWorkerSetup(workerData);
    const opened = new ClientTransport(createEmbeddedClient(dataDir));
    await opened.ping();
    return opened;
  } catch (err) {
    send({ kind: 'failed', message: errorMessage(err) });
    return undefined;
  }
}

async function handle(transport: ClientTransport, request: WorkerRequest): Promise<unknown[] | null> {
  switch (request.op) {
    case 'command':
      await transport.command(request.sql);
      return null;
    case 'query':
      return transport.query(request.sql, request.params);
    case 'insert':
      await transport.insert(request.table, request.body, request.token);
      return null;
    case 'ping':
      await transport.ping();
      return null;
    case 'close':
      await transport.close();
      return null;
  }
}

async function main(): Promise<void> {
  const transport = await open();
  if (transport === undefined) {
    // Closing the port lets the thread end; the main side already has the 'failed' message.
    port?.close();
    return;
  }
  send({ kind: 'ready' });
  // One operation at a time: the writer never has two inserts in flight anyway, and a serial
  // chain keeps a reader's query from racing an insert on the same chdb connection.
  let chain: Promise<void> = Promise.resolve();
  port?.on('message', (message: unknown) => {
    const request = parseWorkerRequest(message);
    if (request === undefined) return;
    chain = chain.then(async () => {
      try {
        const rows = await handle(transport, request);
        send({ kind: 'result', id: request.id, ok: true, rows });
      } catch (err) {
        const type = clickHouseErrorType(err);
        send({ kind: 'result', id: request.id, ok: false, message: errorMessage(err), ...(type === undefined ? {} : { type }) });
      }
      if (request.op === 'close') port?.close();
    });
  });
}

void main();
