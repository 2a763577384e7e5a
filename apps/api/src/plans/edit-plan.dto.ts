import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import {
  PLAN_TITLE_MAX_LENGTH,
  SUGGESTED_UNIT_MAX_LENGTH,
  TARGETS_MAX_COUNT,
  TARGET_COMPARATORS,
  TARGET_PER_MAX_LENGTH,
  TARGET_SUBJECT_MAX_LENGTH,
  TARGET_TEXT_MAX_LENGTH,
  TARGET_UNIT_MAX_LENGTH,
} from '@duban/domain';

// The DTOs check types; the rules (lengths, dates, ranges) are the domain's, in plan-draft.ts.

export class EditSectionDto {
  @ApiProperty({ description: '部分标题', maxLength: PLAN_TITLE_MAX_LENGTH })
  @IsString()
  title!: string;
}

export class EditItemDto {
  @ApiPropertyOptional({ description: '事项标题', maxLength: PLAN_TITLE_MAX_LENGTH })
  @IsOptional()
  @IsString()
  title?: string;

  @ApiPropertyOptional({
    description: '截止日期（YYYY-MM-DD），须在计划年度或次年内',
    format: 'date',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsString()
  due?: string;

  @ApiPropertyOptional({
    description: '建议牵头单位；null 或空字符串表示清除',
    maxLength: SUGGESTED_UNIT_MAX_LENGTH,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  suggestedUnit?: string | null;
}

export class TargetDto {
  @ApiPropertyOptional({ description: '指标所在原文', maxLength: TARGET_TEXT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  text?: string;

  @ApiProperty({ description: '数量，须大于 0', exclusiveMinimum: true, minimum: 0, example: 200 })
  @IsNumber()
  quantity!: number;

  @ApiProperty({ description: '计量单位', maxLength: TARGET_UNIT_MAX_LENGTH, example: '户' })
  @IsString()
  unit!: string;

  @ApiProperty({ description: 'eq 等于，gte 不少于，lte 不超过', enum: TARGET_COMPARATORS })
  @IsString()
  comparator!: string;

  @ApiProperty({
    description: '计量对象',
    maxLength: TARGET_SUBJECT_MAX_LENGTH,
    example: '特殊困难老年人家庭适老化改造',
  })
  @IsString()
  subject!: string;

  @ApiPropertyOptional({
    description: '每（计量单位所属的对象），如“每家互助社”中的互助社',
    maxLength: TARGET_PER_MAX_LENGTH,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  per?: string | null;
}

export class ReplaceTargetsDto {
  @ApiProperty({
    description: '事项的全部量化指标（整体替换）',
    type: [TargetDto],
    maxItems: TARGETS_MAX_COUNT,
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets!: TargetDto[];
}
