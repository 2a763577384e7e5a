import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const PLAN_YEAR_MIN = 1900;
export const PLAN_YEAR_MAX = 2100;

/** `POST /plans/import` with a JSON body: the document as text. */
export class ImportPlanTextDto {
  @ApiProperty({
    description: '工作要点全文（纯文本）；空文本由解析器拒绝（422）',
    example: '区民政局2024年工作要点\n一、把牢民政事业发展正确政治方向\n（一）强化政治理论武装。……',
  })
  @IsString()
  text!: string;

  @ApiPropertyOptional({
    description: '计划年度，标题中没有年份时使用',
    minimum: PLAN_YEAR_MIN,
    maximum: PLAN_YEAR_MAX,
    example: 2024,
  })
  @IsOptional()
  @IsInt()
  @Min(PLAN_YEAR_MIN)
  @Max(PLAN_YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ description: '来源文件名，仅作记录', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

/** `POST /plans/import` as multipart/form-data: the fields next to the `file` part. */
export class ImportPlanFormDto {
  @ApiPropertyOptional({
    description: '计划年度，标题中没有年份时使用',
    minimum: PLAN_YEAR_MIN,
    maximum: PLAN_YEAR_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(PLAN_YEAR_MIN)
  @Max(PLAN_YEAR_MAX)
  year?: number;
}
