import { HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainExceptionCode } from '@duban/domain';

/** Failures around the domain: the transport, the platform behind the API. */
export enum HttpErrorCode {
  UriTooLong = 'URI_TOO_LONG',
  RateLimited = 'RATE_LIMITED',
  Internal = 'INTERNAL',
  WorkflowFailed = 'WORKFLOW_FAILED',
  Unavailable = 'UNAVAILABLE',
}

export type ApiErrorCode = DomainExceptionCode | HttpErrorCode;

/**
 * The one shape of every 4xx and 5xx answer: `message` in zh-CN for the person, `messageEn` for
 * logs and other readers, `field` naming the input at fault; facts such as `lockedUntil` or a
 * rejected document's `errors` ride along.
 */
export type ApiError = { readonly statusCode: number } & ApiErrorFields;

interface ApiErrorFields extends Readonly<Record<string, unknown>> {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly messageEn: string;
  readonly field?: string;
}

interface StatusMeaning {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly messageEn: string;
}

const BAD_REQUEST: StatusMeaning = {
  code: DomainExceptionCode.InvalidInput,
  message: '请求不合法',
  messageEn: 'bad request',
};

const INTERNAL: StatusMeaning = {
  code: HttpErrorCode.Internal,
  message: '服务器内部错误',
  messageEn: 'internal server error',
};

/** What a status says when the exception that raised it says nothing in that language. */
const STATUS_MEANINGS: Readonly<Partial<Record<number, StatusMeaning>>> = {
  [HttpStatus.BAD_REQUEST]: BAD_REQUEST,
  [HttpStatus.UNAUTHORIZED]: {
    code: DomainExceptionCode.Unauthenticated,
    message: '请先登录，或登录已过期',
    messageEn: 'not signed in, or the sign-in has expired',
  },
  [HttpStatus.FORBIDDEN]: {
    code: DomainExceptionCode.Forbidden,
    message: '无权执行此操作',
    messageEn: 'not allowed',
  },
  [HttpStatus.NOT_FOUND]: {
    code: DomainExceptionCode.NotFound,
    message: '请求的接口或对象不存在',
    messageEn: 'not found',
  },
  [HttpStatus.CONFLICT]: {
    code: DomainExceptionCode.Conflict,
    message: '当前状态不允许此操作',
    messageEn: 'conflicts with the current state',
  },
  [HttpStatus.PAYLOAD_TOO_LARGE]: {
    code: DomainExceptionCode.PayloadTooLarge,
    message: '请求内容过大',
    messageEn: 'the request body is too large',
  },
  [HttpStatus.URI_TOO_LONG]: {
    code: HttpErrorCode.UriTooLong,
    message: '请求地址过长',
    messageEn: 'the request URL is too long',
  },
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: {
    code: DomainExceptionCode.UnsupportedMediaType,
    message: '不支持的内容类型',
    messageEn: 'unsupported media type',
  },
  [HttpStatus.UNPROCESSABLE_ENTITY]: {
    code: DomainExceptionCode.DocumentRejected,
    message: '文档无法处理',
    messageEn: 'the document cannot be processed',
  },
  [HttpStatus.LOCKED]: {
    code: DomainExceptionCode.Locked,
    message: '账户已锁定',
    messageEn: 'the account is locked',
  },
  [HttpStatus.TOO_MANY_REQUESTS]: {
    code: HttpErrorCode.RateLimited,
    message: '请求过于频繁，请稍后再试',
    messageEn: 'too many requests, try again later',
  },
  [HttpStatus.INTERNAL_SERVER_ERROR]: INTERNAL,
  [HttpStatus.BAD_GATEWAY]: {
    code: HttpErrorCode.WorkflowFailed,
    message: '流程执行失败',
    messageEn: 'the workflow failed',
  },
  [HttpStatus.SERVICE_UNAVAILABLE]: {
    code: HttpErrorCode.Unavailable,
    message: '服务暂不可用，请稍后再试',
    messageEn: 'service unavailable, try again later',
  },
};

export function meaningOf(status: number): StatusMeaning {
  return STATUS_MEANINGS[status] ?? (status >= 500 ? INTERNAL : BAD_REQUEST);
}

const CHINESE = /[\u3400-\u9fff]/;

export function isChinese(text: string): boolean {
  return CHINESE.test(text);
}

/**
 * An answer for a status from whatever text the thrower gave: Chinese text is the message, any
 * other the English one; the status supplies the missing language and the code.
 */
export function apiError(
  status: number,
  text: string | undefined,
  extra: Partial<ApiErrorFields> = {},
): ApiError {
  const meaning = meaningOf(status);
  const chinese = text !== undefined && isChinese(text);
  const { code, message, messageEn, statusCode: _statusCode, ...facts } = extra;
  return {
    statusCode: status,
    code: code ?? meaning.code,
    message: message ?? (chinese ? text : meaning.message),
    messageEn: messageEn ?? (text !== undefined && !chinese ? text : meaning.messageEn),
    ...facts,
  };
}

/** Bilingual messages for the HTTP exceptions the API throws itself. */
export function httpException(status: HttpStatus, message: string, messageEn: string) {
  return new HttpException({ message, messageEn }, status);
}

const BYTES_PER_MB = 1024 * 1024;

export function megabytes(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** One wording for every body over a limit, whoever notices it. */
export function bodyTooLarge(limitBytes: number): ApiError {
  const limit = megabytes(limitBytes);
  return apiError(HttpStatus.PAYLOAD_TOO_LARGE, undefined, {
    message: `请求内容过大：此接口最多接受 ${limit}`,
    messageEn: `the request body is larger than this route accepts (${limit})`,
  });
}

export function sendApiError(reply: FastifyReply, error: ApiError): void {
  void reply.status(error.statusCode).send(error);
}
