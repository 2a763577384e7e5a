import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainException, DomainExceptionCode, assertUnreachable } from '@duban/domain';

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
    default:
      return assertUnreachable(code);
  }
}

/** The one place where domain rule violations become HTTP answers. */
@Catch(DomainException)
export class DomainExceptionFilter implements ExceptionFilter<DomainException> {
  catch(exception: DomainException, host: ArgumentsHost): void {
    const status = statusOf(exception.code);
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .send({
        ...exception.details,
        statusCode: status,
        code: exception.code,
        message: exception.message,
      });
  }
}
