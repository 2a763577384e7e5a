import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainException, DomainExceptionCode } from '@duban/domain';
import { apiError, meaningOf, sendApiError } from './api-error';

/** Every code has its status: the type refuses a code added without one. */
const STATUS: Readonly<Record<DomainExceptionCode, HttpStatus>> = {
  [DomainExceptionCode.InvalidInput]: HttpStatus.BAD_REQUEST,
  [DomainExceptionCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainExceptionCode.Conflict]: HttpStatus.CONFLICT,
  [DomainExceptionCode.DocumentRejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainExceptionCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainExceptionCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainExceptionCode.Locked]: HttpStatus.LOCKED,
  [DomainExceptionCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [DomainExceptionCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
};

/** The one place where domain rule violations become HTTP answers. */
@Catch(DomainException)
export class DomainExceptionFilter implements ExceptionFilter<DomainException> {
  catch(exception: DomainException, host: ArgumentsHost): void {
    const status = STATUS[exception.code];
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
