import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError, bodyTooLarge, isChinese, sendApiError, type ApiError } from './api-error';
import { describeRule } from './validation-errors';

/** An error Fastify or one of its plugins raised, before or around a route. */
interface FrameworkError extends Error {
  readonly statusCode: number;
  readonly code?: string;
}

function isFrameworkError(error: unknown): error is FrameworkError {
  return (
    error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number'
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ParseUUIDPipe does not say which parameter it refused; the request does. */
function uuidParameterError(request: FastifyRequest): ApiError {
  const params = (request.params ?? {}) as Record<string, string>;
  const field = Object.keys(params).find((name) => !UUID.test(params[name] ?? '')) ?? 'id';
  return apiError(HttpStatus.BAD_REQUEST, undefined, { field, ...describeRule(field, 'isUuid') });
}

const TEXT_ECHO_MAX = 100;

function unsupportedType(request: FastifyRequest): ApiError {
  const type = (request.headers['content-type'] ?? '').slice(0, TEXT_ECHO_MAX);
  return apiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, undefined, {
    message: `不支持的内容类型（${type}）：请用 application/json，上传文件用 multipart/form-data`,
    messageEn: `unsupported Content-Type (${type}): send application/json, or multipart/form-data for files`,
  });
}

/**
 * Nest and Fastify explain in English only (Nest turns Fastify's errors into HttpExceptions and
 * drops their codes), so the status decides where a sentence of ours fits better.
 */
function fromEnglish(
  status: number,
  text: string | undefined,
  request: FastifyRequest,
  facts: Readonly<Record<string, unknown>> = {},
): ApiError {
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return bodyTooLarge(request.routeOptions.bodyLimit);
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return unsupportedType(request);
  if (status === HttpStatus.BAD_REQUEST && text?.includes('uuid is expected')) {
    return uuidParameterError(request);
  }
  return apiError(status, text, facts);
}

function fromHttpException(exception: HttpException, request: FastifyRequest): ApiError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return isChinese(response)
      ? apiError(status, response)
      : fromEnglish(status, response, request);
  }
  // Nest's own answers carry `error` ("Bad Request"), which the code replaces.
  const {
    statusCode: _statusCode,
    error: _error,
    message,
    messageEn,
    ...facts
  } = response as Record<string, unknown>;
  const text = Array.isArray(message) ? message.join('; ') : (message as string | undefined);
  if (typeof messageEn === 'string') return apiError(status, text, { ...facts, messageEn });
  if (text !== undefined && isChinese(text)) return apiError(status, text, facts);
  return fromEnglish(status, text, request, facts);
}

/**
 * What Fastify answers before any route (through `frameworkErrors`), so before Nest. Its own
 * message for a long parameter repeats the whole parameter, however long.
 */
const BEFORE_ROUTING: Readonly<Record<string, { message: string; messageEn: string }>> = {
  FST_ERR_MAX_PARAM_LENGTH: {
    message: '请求地址中的参数过长',
    messageEn: 'a parameter in the URL is too long',
  },
  FST_ERR_BAD_URL: { message: '请求地址不合法', messageEn: 'the URL is malformed' },
};

function fromFrameworkError(error: FrameworkError, request: FastifyRequest): ApiError {
  const status = error.statusCode >= 400 ? error.statusCode : HttpStatus.INTERNAL_SERVER_ERROR;
  const wording = BEFORE_ROUTING[error.code ?? ''];
  return wording
    ? apiError(status, undefined, wording)
    : fromEnglish(status, error.message, request);
}

/** Any failure, thrown by whichever layer, as the API's one error shape. */
export function toApiError(exception: unknown, request: FastifyRequest): ApiError {
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  if (isFrameworkError(exception)) return fromFrameworkError(exception, request);
  return apiError(HttpStatus.INTERNAL_SERVER_ERROR, undefined);
}

/**
 * Everything the domain and Temporal filters do not catch: Nest's HTTP exceptions (unknown
 * routes, guards, pipes, the rate limit), Fastify's (body limit, content type, URL) and bugs.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const error = toApiError(exception, http.getRequest<FastifyRequest>());
    if (error.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    sendApiError(http.getResponse<FastifyReply>(), error);
  }
}
