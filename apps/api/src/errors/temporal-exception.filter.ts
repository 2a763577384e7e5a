import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ServiceError, WorkflowFailedError } from '@temporalio/client';
import type { FastifyReply } from 'fastify';

/**
 * Temporal being unreachable is the caller's cue to retry later (503); a workflow that ran and
 * failed is a bad gateway answer carrying the workflow's own reason (502).
 */
@Catch(ServiceError, WorkflowFailedError)
export class TemporalExceptionFilter implements ExceptionFilter<
  ServiceError | WorkflowFailedError
> {
  catch(exception: ServiceError | WorkflowFailedError, host: ArgumentsHost): void {
    const [status, message] =
      exception instanceof WorkflowFailedError
        ? [HttpStatus.BAD_GATEWAY, `流程执行失败：${exception.cause?.message ?? exception.message}`]
        : [HttpStatus.SERVICE_UNAVAILABLE, `Temporal 服务不可用：${exception.message}`];
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .send({ statusCode: status, message });
  }
}
