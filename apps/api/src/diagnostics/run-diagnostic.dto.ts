import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DIAGNOSTIC_NOTE_MAX_LENGTH } from '@duban/domain';

export class RunDiagnosticDto {
  @ApiPropertyOptional({
    description: '随探测记录写入数据库的备注',
    maxLength: DIAGNOSTIC_NOTE_MAX_LENGTH,
    example: '部署后自检',
  })
  @IsOptional()
  @IsString()
  note?: string;
}
