import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OUTBOX_STATUSES, type OutboxStatus } from '@duban/persistence';

export class NotificationQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: '只列出某一状态' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `status 必须是 ${OUTBOX_STATUSES.join('、')} 之一` })
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: '收件人（人员或单位）id' })
  @IsOptional()
  @IsUUID('all', { message: 'recipientId 必须是 id' })
  recipientId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 必须是整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(500, { message: 'limit 至多为 500' })
  limit?: number;
}

export class SinkQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 必须是整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(200, { message: 'limit 至多为 200' })
  limit?: number;
}
