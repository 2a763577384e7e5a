import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';

const LIGHTS = ['green', 'yellow', 'red', 'grey'] as const;

export class ItemFilterDto {
  @ApiPropertyOptional({ description: '牵头或配合单位 id' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: LIGHTS })
  @IsOptional()
  @IsIn(LIGHTS)
  light?: (typeof LIGHTS)[number];

  @ApiPropertyOptional({ description: 'true：只看逾期的；false：只看未逾期的' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: '责任人 id' })
  @IsOptional()
  @IsString()
  @IsUUID()
  responsibleId?: string;
}
