import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Principal } from '../auth/key-authenticator.js';
import type { GatewayState } from './gateway-state.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * The admit stage as an onRequest hook: it runs before the body is read, so a caller without
 * a valid key cannot make the gateway buffer a 16 MB body.
 */
export function createAdmitHook(app: FastifyInstance, state: GatewayState) {
  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', null);
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      request.principal = state.deps.auth.authenticate(request.headers);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}

export function createAdminHook(state: GatewayState) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      state.deps.auth.authorizeAdmin(request.headers);
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}
