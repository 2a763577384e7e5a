import type { FastifyInstance } from 'fastify';
import { DomainException, DomainExceptionCode } from '@duban/domain';

const JSON_TYPE = 'application/json';

/**
 * Keys that reach Object.prototype once a parsed body is merged or assigned somewhere: `__proto__`
 * itself, and `constructor` carrying a `prototype`.
 */
function isPoisonKey(key: string, value: unknown): boolean {
  if (key === '__proto__') return true;
  return (
    key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value
  );
}

/** The path of the first poisonous key (`targets[0].__proto__`), walked without recursion. */
export function poisonedPath(root: unknown): string | null {
  const pending: [unknown, string][] = [[root, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (isPoisonKey(key, child)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return null;
}

function invalid(field: string | undefined, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, message, {
    ...(field && { field }),
    messageEn,
  });
}

/**
 * A JSON request body, refused whole when it carries a prototype key. Refused rather than quietly
 * dropped: dropping would validate and store a different body than the caller sent without
 * telling them, and nobody legitimate sends such a key, so the refusal costs no honest client.
 */
export function readJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw invalid(undefined, '请求体为空，但声明为 JSON', 'the body is empty but declared as JSON');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    throw invalid(
      undefined,
      `请求体不是有效的 JSON：${reason}`,
      `the body is not valid JSON: ${reason}`,
    );
  }
  const poisoned = poisonedPath(value);
  if (poisoned) {
    throw invalid(
      poisoned,
      `请求体含有键 ${poisoned}：它可以改写对象原型，出于安全考虑整个请求被拒绝，请去掉该键`,
      `the body contains the key ${poisoned}, which can alter object prototypes; the request is refused, remove the key`,
    );
  }
  return value;
}

/**
 * Replaces Fastify's JSON parser, which calls a body with `__proto__` "not valid JSON", so that
 * every kind of bad body gets its own reason.
 */
export function useJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(JSON_TYPE);
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, readJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
