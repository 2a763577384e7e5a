import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DubanConfig } from '@duban/config';
import {
  DomainException,
  DomainExceptionCode,
  EVIDENCE_EXTENSIONS,
  detectEvidenceType,
} from '@duban/domain';
import { EvidenceRepository, type EvidenceView } from '@duban/persistence';
import { Access, CurrentCaller, type Caller } from '../auth/access.decorator';
import { auditCaller } from '../auth/audit-actor';
import { SupervisionService } from './supervision.service';

const uuid = new ParseUUIDPipe();
const FILE_FIELD = 'file';

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so 区民政局佐证.pdf downloads as itself. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  private readonly maxBytes: number;

  constructor(
    { env }: DubanConfig,
    private readonly evidence: EvidenceRepository,
    private readonly supervision: SupervisionService,
  ) {
    this.maxBytes = env.evidenceMaxBytes;
  }

  @Post('plans/:id/items/:itemId/evidence')
  @Access({ allow: 'item:act', action: 'evidence.upload' })
  @RouteConfig({ bodyLimit: 1024 * 1024 * 1024 })
  @ApiOperation({
    summary: '上传佐证材料（multipart 的 file 字段）：PDF、图片、Office 文档或文本，按内容校验类型',
  })
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ description: '材料的 id、sha256、大小与类型；报送进展时引用 id 与 sha256' })
  @ApiForbiddenResponse({ description: '只有牵头单位或配合单位可以上传' })
  @ApiPayloadTooLargeResponse({ description: '超过大小上限（EVIDENCE_MAX_MB，默认 50 MB）' })
  @ApiUnsupportedMediaTypeResponse({ description: '内容不是允许的类型，或与扩展名不符' })
  async upload(
    @Param('id', uuid) planId: string,
    @Param('itemId', uuid) itemId: string,
    @Req() request: FastifyRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<EvidenceView> {
    await this.supervision.assertItemAccess(planId, itemId, caller, 'act', 'evidence.upload');
    if (!request.isMultipart()) {
      throw new DomainException(
        DomainExceptionCode.UnsupportedMediaType,
        `请以 multipart/form-data 的 ${FILE_FIELD} 字段上传文件`,
        { messageEn: `upload the file as multipart/form-data in the field ${FILE_FIELD}` },
      );
    }
    const part = await request.file({ limits: { fileSize: this.maxBytes, files: 1 } });
    if (!part || part.fieldname !== FILE_FIELD) {
      throw new DomainException(
        DomainExceptionCode.InvalidInput,
        `缺少文件：请在 ${FILE_FIELD} 字段上传`,
        { field: FILE_FIELD, messageEn: `no file: upload it in the field ${FILE_FIELD}` },
      );
    }
    const staged = await this.evidence.stage(part.file);
    if (part.file.truncated) {
      await this.evidence.discard(staged);
      const mb = this.maxBytes / 1024 / 1024;
      throw new DomainException(DomainExceptionCode.PayloadTooLarge, `文件过大：上限为 ${mb} MB`, {
        messageEn: `the file is too large: at most ${mb} MB`,
      });
    }
    const type = detectEvidenceType(staged.head, part.filename);
    if (!type) {
      await this.evidence.discard(staged);
      throw new DomainException(
        DomainExceptionCode.UnsupportedMediaType,
        `不支持的文件，或内容与扩展名不符：允许 ${EVIDENCE_EXTENSIONS.join('、')}`,
        {
          messageEn: `unsupported file, or its content does not match its extension: allowed ${EVIDENCE_EXTENSIONS.join(', ')}`,
        },
      );
    }
    return this.evidence.keep(
      staged,
      { mediaType: type.mediaType, fileName: part.filename.slice(0, 255), planId, itemId },
      auditCaller(caller),
    );
  }

  @Get('evidence/:id')
  @Access({ allow: 'plan:read', action: 'evidence.download' })
  @ApiOperation({ summary: '下载佐证材料（有权查看该事项的人）' })
  @ApiForbiddenResponse({ description: '该事项不属于您所在单位' })
  @ApiNotFoundResponse({ description: '材料不存在' })
  async download(
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentCaller() caller: Caller,
  ): Promise<StreamableFile> {
    const evidence = await this.supervision.readableEvidence(id, caller);
    void reply.header('content-type', evidence.mediaType);
    void reply.header('content-disposition', attachment(evidence.fileName));
    void reply.header('content-length', String(evidence.size));
    return new StreamableFile(this.evidence.open(evidence));
  }
}
