import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bodyTooLarge, httpException } from '../errors/api-error';

/**
 * How long a connection that was answered 413 keeps swallowing what the client still uploads
 * before it is closed; long enough for a client that reads only after sending to send and read.
 */
const LINGER_MS = 10_000;

function expectsContinue(request: FastifyRequest): boolean {
  return /^100-continue$/i.test(String(request.headers.expect ?? '').trim());
}

/**
 * Closes the connection only after the client stopped sending (or LINGER_MS passed). Node ends a
 * `Connection: close` answer with `socket.destroySoon()`, which destroys the socket as soon as the
 * answer is written: a client still uploading then gets a reset, often before it read the 413.
 */
function lingerBeforeClosing(request: IncomingMessage): void {
  const socket = request.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  // Whoever was reading the body has given up: the rest is read and thrown away.
  request.unpipe();
  request.removeAllListeners('data');
  request.resume();
}

/**
 * Body limits answered, never raced: a declared length over the route's limit is refused with
 * 413 before anything is read and before `100 Continue` (which Node would otherwise send for
 * every request at once); a body that turns out too large is answered 413 and the connection
 * closed only after the client has stopped sending. Routes raise their limit with
 * `@RouteConfig({ bodyLimit })`.
 */
export function enforceBodyLimits(fastify: FastifyInstance): void {
  // Nest does not pass a route's options on to Fastify; routes are registered at init, after this.
  fastify.addHook('onRoute', (route) => {
    const { bodyLimit } = (route.config ?? {}) as { bodyLimit?: unknown };
    if (typeof bodyLimit === 'number') route.bodyLimit = bodyLimit;
  });
  // Without a listener Node answers `100 Continue` itself, before any route is known.
  fastify.server.on('checkContinue', (request, response) => {
    fastify.server.emit('request', request, response);
  });
  fastify.addHook('preParsing', async (request, reply, payload) => {
    const limit = request.routeOptions.bodyLimit;
    if (Number(request.headers['content-length']) > limit) {
      const { message, messageEn } = bodyTooLarge(limit);
      throw httpException(HttpStatus.PAYLOAD_TOO_LARGE, message, messageEn);
    }
    if (expectsContinue(request)) reply.raw.writeContinue();
    return payload;
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === HttpStatus.PAYLOAD_TOO_LARGE && !request.raw.complete) {
      // Some of the body is still on its way: this connection cannot carry another request.
      void reply.header('connection', 'close');
      lingerBeforeClosing(request.raw);
    }
    return payload;
  });
}
