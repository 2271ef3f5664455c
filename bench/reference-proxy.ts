// The bare reference proxy, run as its own process so it can be pinned to a core like the
// gateway:  node bench/dist/reference-proxy.js --upstream http://127.0.0.1:9100/v1 --port 9200
//   [--host 127.0.0.1] [--server http|fastify]
//
// What it does per POST /v1/chat/completions: read and JSON.parse the body, strip the
// `provider/` prefix from the model, JSON.stringify it and send it over one undici Pool with
// keep-alive; JSON answers are parsed and serialized back, SSE answers are piped through.
// What it does not do (and the gateway does): auth, validation, routing/fallbacks, protocol
// translation, SSE parsing and re-encoding, usage accounting, traces, request ids, logging,
// error envelopes, timeouts, abort on client disconnect, draining.
import { parseArgs } from 'node:util';
import { createFastifyReference } from './lib/reference/fastify-reference.js';
import { createNodeHttpReference } from './lib/reference/node-http-reference.js';
import { UpstreamForwarder } from './lib/reference/upstream-forwarder.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      upstream: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      server: { type: 'string', default: 'http' },
    },
  });
  if (values.upstream === undefined) throw new Error('--upstream <base URL, e.g. http://127.0.0.1:9100/v1> is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got '${values.port}'`);
  const forwarder = new UpstreamForwarder(values.upstream);

  let url: string;
  let close: () => Promise<void>;
  if (values.server === 'fastify') {
    const app = createFastifyReference(forwarder);
    url = await app.listen({ host: values.host, port });
    close = () => app.close();
  } else if (values.server === 'http') {
    const server = createNodeHttpReference(forwarder);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, values.host, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
    url = `http://${values.host}:${address.port}`;
    close = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
  } else {
    throw new Error(`--server must be http or fastify, got '${values.server}'`);
  }
  console.log(`reference-proxy (${values.server}) listening on ${url}`);

  const stop = (): void => {
    Promise.all([close(), forwarder.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`reference-proxy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
