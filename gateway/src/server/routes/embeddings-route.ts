import type { FastifyInstance } from 'fastify';
import { runEmbeddingsPipeline } from '../../pipeline/embeddings-pipeline.js';
import { newTrace } from '../../trace/trace.js';
import { createAdmitHook } from '../admit.js';
import type { GatewayState } from '../gateway-state.js';
import { NodeResponseSink } from '../node-response-sink.js';

export function registerEmbeddingsRoute(app: FastifyInstance, state: GatewayState): void {
  const admit = createAdmitHook(app, state);
  app.post('/v1/embeddings', { config: { surface: 'openai' }, onRequest: admit }, async (request, reply) => {
    reply.hijack();
    const controller = state.inflight.begin();
    const { deps } = state;
    try {
      await runEmbeddingsPipeline(deps, {
        body: request.body,
        headers: request.headers,
        principal: request.principal ?? { tenant: 'anonymous', keyId: 'anonymous' },
        trace: newTrace(request.id, deps.config.hash, 'openai', 'embeddings', deps.now(), request.headers),
        signal: controller,
        sink: new NodeResponseSink(reply.raw, () => controller.abort(new Error('client disconnected'))),
      });
    } finally {
      state.inflight.finish(controller);
    }
  });
}
