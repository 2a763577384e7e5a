import { Controller, Get, Query } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditRecord, ChainVerdict } from '@duban/domain';
import { AuditRepository } from '@duban/persistence';
import { Access } from '../auth/access.decorator';
import { AuditQueryDto } from './audit-query.dto';

const DEFAULT_LIMIT = 100;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @Access({ allow: 'audit:read', action: 'audit.list' })
  @ApiOperation({ summary: '审计记录（按序号升序，可按操作人、操作、对象、结果筛选）' })
  @ApiOkResponse({ description: '审计记录列表，每条含 prevHash 与 hash' })
  list(@Query() query: AuditQueryDto): Promise<AuditRecord[]> {
    const { actor, ...filters } = query;
    return this.audit.list({
      ...filters,
      ...(actor !== undefined && (isUUID(actor) ? { actorId: actor } : { actorName: actor })),
      limit: query.limit ?? DEFAULT_LIMIT,
    });
  }

  @Get('verify')
  @Access({ allow: 'audit:read', action: 'audit.verify' })
  @ApiOperation({ summary: '重新计算整条哈希链；断裂时指出第一条不一致的记录' })
  @ApiOkResponse({ description: '{ ok, count, lastHash } 或 { ok: false, brokenSeq, reason }' })
  verify(): Promise<ChainVerdict> {
    return this.audit.verify();
  }
}
