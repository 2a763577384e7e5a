import * as path from 'node:path';
import { ValidationPipe } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainException, DomainExceptionCode } from '@duban/domain';
import { MAX_INPUT_BYTES } from '@duban/plan-parser';
import { VALIDATION_OPTIONS } from '../validation-options';
import { ImportPlanFormDto, ImportPlanTextDto } from './import-plan.dto';

/** A document as it reached the API, before anyone has read it. */
export type PlanUpload =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly fileName: string | null;
      readonly year: number | undefined;
    }
  | {
      readonly kind: 'file';
      readonly bytes: Buffer;
      readonly fileName: string;
      readonly year: number | undefined;
    };

export const FILE_FIELD = 'file';
const SUPPORTED_EXTENSIONS = new Set(['.txt', '.docx']);
const SUPPORTED_MIME_TYPES = new Set([
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

const validation = new ValidationPipe(VALIDATION_OPTIONS);

async function validated<T>(metatype: new () => T, value: unknown): Promise<T> {
  return (await validation.transform(value, { type: 'body', metatype })) as T;
}

const tooLarge = () =>
  new DomainException(
    DomainExceptionCode.PayloadTooLarge,
    `文件过大：上限为 5 MB（${MAX_INPUT_BYTES} 字节）`,
    { messageEn: `the document is too large: at most 5 MB (${MAX_INPUT_BYTES} bytes)` },
  );

/** By the file name's extension; by the declared MIME type only when the name has none. */
function assertSupported(fileName: string, mimeType: string): void {
  const extension = path.extname(fileName).toLowerCase();
  const supported = extension
    ? SUPPORTED_EXTENSIONS.has(extension)
    : SUPPORTED_MIME_TYPES.has(mimeType.split(';')[0]?.trim().toLowerCase() ?? '');
  if (!supported) {
    throw new DomainException(
      DomainExceptionCode.UnsupportedMediaType,
      `不支持的文件类型（${extension || mimeType}）：请上传 .txt（UTF-8、UTF-16 或 GB18030 编码）或 .docx 文件`,
      {
        messageEn: `unsupported file type (${extension || mimeType}): upload .txt (UTF-8, UTF-16 or GB18030) or .docx`,
      },
    );
  }
}

async function readMultipart(request: FastifyRequest): Promise<PlanUpload> {
  const fields: Record<string, unknown> = {};
  let file: { bytes: Buffer; fileName: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== FILE_FIELD || file) {
        throw new DomainException(
          DomainExceptionCode.InvalidInput,
          `只能上传一个文件，字段名为 ${FILE_FIELD}`,
          { field: FILE_FIELD, messageEn: `upload exactly one file, in the field ${FILE_FIELD}` },
        );
      }
      assertSupported(part.filename, part.mimetype);
      file = { bytes: await part.toBuffer(), fileName: part.filename };
    }
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError) throw tooLarge();
    throw error;
  }
  if (!file) {
    throw new DomainException(
      DomainExceptionCode.InvalidInput,
      `缺少文件：请在 multipart/form-data 的 ${FILE_FIELD} 字段上传`,
      {
        field: FILE_FIELD,
        messageEn: `no file: upload it in the multipart/form-data field ${FILE_FIELD}`,
      },
    );
  }
  const { year } = await validated(ImportPlanFormDto, fields);
  return { kind: 'file', ...file, year };
}

async function readJson(body: unknown): Promise<PlanUpload> {
  const { text, year, fileName } = await validated(ImportPlanTextDto, body);
  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) throw tooLarge();
  return { kind: 'text', text, fileName: fileName ?? null, year };
}

/**
 * Reads an import request: a file uploaded as multipart/form-data, or JSON carrying the text.
 * Size and type are checked here, before the parser sees anything.
 */
export async function readPlanUpload(request: FastifyRequest): Promise<PlanUpload> {
  if (request.isMultipart()) return readMultipart(request);
  if (/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    return readJson(request.body);
  }
  throw new DomainException(
    DomainExceptionCode.UnsupportedMediaType,
    `请以 multipart/form-data（${FILE_FIELD} 字段）上传文件，或以 application/json（text 字段）提交文本`,
    {
      messageEn: `send the file as multipart/form-data (field ${FILE_FIELD}) or the text as application/json (field text)`,
    },
  );
}
