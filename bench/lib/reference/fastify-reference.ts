import Fastify, { type FastifyInstance } from 'fastify';
import { isJsonObject, upstreamContentType, type UpstreamForwarder } from './upstream-forwarder.js';

/**
 * The same reference proxy on Fastify (the gateway's framework, with its default JSON body
 * parser and reply serialization): the gap between this and the node:http one is what the
 * framework costs, the gap between this and the gateway is what the gateway's own code costs.
 */
export function createFastifyReference(forwarder: UpstreamForwarder): FastifyInstance {
  const app = Fastify({ logger: false, keepAliveTimeout: 65_000 });
  app.post('/v1/chat/completions', async (request, reply) => {
    const body = request.body;
    if (!isJsonObject(body)) return reply.status(400).send({ error: { message: 'body is not a JSON object' } });
    const upstream = await forwarder.send(body);
    reply.status(upstream.statusCode);
    if (body.stream === true) {
      void reply.header('content-type', upstreamContentType(upstream, 'text/event-stream')).header('cache-control', 'no-cache');
      return reply.send(upstream.body);
    }
    const answer: unknown = await upstream.body.json();
    return reply.header('content-type', 'application/json').send(JSON.stringify(answer));
  });
  return app;
}
