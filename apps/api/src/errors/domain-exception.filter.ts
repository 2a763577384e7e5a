import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainException, DomainExceptionCode, assertUnreachable } from '@duban/domain';
import { apiError, meaningOf, sendApiError } from './api-error';

function statusOf(code: DomainExceptionCode): HttpStatus {
  switch (code) {
    case DomainExceptionCode.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case DomainExceptionCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case DomainExceptionCode.Conflict:
      return HttpStatus.CONFLICT;
    case DomainExceptionCode.DocumentRejected:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainExceptionCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case DomainExceptionCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case DomainExceptionCode.Locked:
      return HttpStatus.LOCKED;
    case DomainExceptionCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case DomainExceptionCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    default:
      return assertUnreachable(code);
  }
}

/** The one place where domain rule violations become HTTP answers. */
@Catch(DomainException)
export class DomainExceptionFilter implements ExceptionFilter<DomainException> {
  catch(exception: DomainException, host: ArgumentsHost): void {
    const status = statusOf(exception.code);
    const { messageEn, ...facts } = exception.details;
    const field = typeof facts['field'] === 'string' ? facts['field'] : undefined;
    // Not every thrower has an English sentence yet: the status says what kind of failure, the
    // field which input.
    const generic = meaningOf(status).messageEn;
    const english =
      typeof messageEn === 'string' ? messageEn : field ? `${generic}: ${field}` : generic;
    sendApiError(
      host.switchToHttp().getResponse<FastifyReply>(),
      apiError(status, exception.message, { ...facts, code: exception.code, messageEn: english }),
    );
  }
}
