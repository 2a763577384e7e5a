import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: '从此序号之后开始（翻页）', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({ description: '最多返回条数', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: '操作人：人员 id 或用户名' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  actor?: string;

  @ApiPropertyOptional({ description: '操作，例如 plan.confirm、auth.login' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  action?: string;

  @ApiPropertyOptional({ description: '对象类型，例如 plan、item、person' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  targetType?: string;

  @ApiPropertyOptional({ description: '对象 id' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  targetId?: string;

  @ApiPropertyOptional({ enum: ['ok', 'refused'] })
  @IsOptional()
  @IsIn(['ok', 'refused'])
  outcome?: 'ok' | 'refused';
}
