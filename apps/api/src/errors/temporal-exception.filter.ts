import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ServiceError, WorkflowFailedError } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { apiError, sendApiError } from './api-error';

/**
 * Temporal being unreachable is the caller's cue to retry later (503); a workflow that ran and
 * failed is a bad gateway answer carrying the workflow's own reason (502).
 */
@Catch(ServiceError, WorkflowFailedError)
export class TemporalExceptionFilter implements ExceptionFilter<
  ServiceError | WorkflowFailedError
> {
  catch(exception: ServiceError | WorkflowFailedError, host: ArgumentsHost): void {
    const reason =
      (exception instanceof WorkflowFailedError && exception.cause?.message) || exception.message;
    const [status, message, messageEn] =
      exception instanceof WorkflowFailedError
        ? [HttpStatus.BAD_GATEWAY, `流程执行失败：${reason}`, `the workflow failed: ${reason}`]
        : [
            HttpStatus.SERVICE_UNAVAILABLE,
            `Temporal 服务不可用：${reason}`,
            `Temporal is unavailable: ${reason}`,
          ];
    sendApiError(
      host.switchToHttp().getResponse<FastifyReply>(),
      apiError(status, message, { messageEn }),
    );
  }
}
