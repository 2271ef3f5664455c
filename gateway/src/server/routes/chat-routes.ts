import type { FastifyInstance } from 'fastify';
import type { Surface } from '../../errors/error-envelope.js';
import { runChatPipeline } from '../../pipeline/chat-pipeline.js';
import { newTrace } from '../../trace/trace.js';
import { createAdmitHook } from '../admit.js';
import type { GatewayState } from '../gateway-state.js';
import { NodeResponseSink } from '../node-response-sink.js';

const CHAT_ROUTES: ReadonlyArray<[string, Surface]> = [
  ['/v1/chat/completions', 'openai'],
  ['/v1/messages', 'anthropic'],
];

/** Marks an abort caused by the client leaving (as opposed to shutdown). */
const CLIENT_GONE = new Error('client disconnected');

export function registerChatRoutes(app: FastifyInstance, state: GatewayState): void {
  const admit = createAdmitHook(app, state);
  const drainingHeaders = (): Record<string, string> | undefined => (state.draining ? { connection: 'close' } : undefined);
  for (const [url, surface] of CHAT_ROUTES) {
    app.post(url, { config: { surface }, onRequest: admit }, async (request, reply) => {
      // The pipeline writes the response itself (JSON or SSE), so Fastify steps aside.
      reply.hijack();
      const controller = state.inflight.begin();
      const sink = new NodeResponseSink(reply.raw, () => controller.abort(CLIENT_GONE), drainingHeaders);
      const { deps } = state;
      try {
        await runChatPipeline(deps, {
          surface,
          body: request.body,
          headers: request.headers,
          principal: request.principal ?? { tenant: 'anonymous', keyId: 'anonymous' },
          trace: newTrace(request.id, deps.config.hash, surface, 'chat', deps.now(), request.headers),
          signal: controller,
          sink,
        });
      } finally {
        state.inflight.finish(controller);
      }
    });
  }
}
