import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateIf } from 'class-validator';

export class AssignItemDto {
  @ApiProperty({ description: '牵头单位 id；null 表示未指定', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'leadUnitId 必须是单位 id 或 null' })
  leadUnitId!: string | null;

  @ApiProperty({ description: '配合单位 id 列表', type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'coUnitIds 中每一项必须是单位 id' })
  coUnitIds!: string[];

  @ApiProperty({
    description: '分管领导 id；null 表示由牵头单位的分管领导审核',
    nullable: true,
    type: String,
  })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'leaderId 必须是人员 id 或 null' })
  leaderId!: string | null;

  @ApiPropertyOptional({
    description: '责任人 id（牵头或配合单位的人员），接收提醒；null 或不填表示由牵头单位负责人接收',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'responsibleId 必须是人员 id 或 null' })
  responsibleId?: string | null;
}
