import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import type { ItemStatus, MilestoneStatus, TrafficLight } from '@duban/domain';
import type { NamedUnit, SupervisedItem, SupervisedMilestone } from './supervision.service';

const LIGHTS = ['green', 'yellow', 'red', 'grey'] as const satisfies readonly TrafficLight[];

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

const ITEM_STATUSES = [
  'draft',
  'assigned',
  'acknowledged',
  'in_progress',
  'completed',
  'cancelled',
] as const satisfies readonly ItemStatus[];
const MILESTONE_STATUSES = [
  'pending',
  'submitted',
  'approved',
  'returned',
] as const satisfies readonly MilestoneStatus[];

export class NamedUnitDto implements NamedUnit {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ description: '单位名称；单位已删除时为 null', type: String, nullable: true })
  name!: string | null;
}

export class SupervisedMilestoneDto implements SupervisedMilestone {
  @ApiProperty({ type: String, example: 'q1' })
  key!: string;

  @ApiProperty({ type: String, example: '第一季度进展' })
  title!: string;

  @ApiProperty({ description: '截止时刻（ISO-8601）', type: String, format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ enum: MILESTONE_STATUSES })
  status!: MilestoneStatus;

  @ApiProperty({ enum: LIGHTS })
  light!: TrafficLight;

  @ApiProperty({ description: '亮黄灯的时刻', type: String, format: 'date-time' })
  warningFrom!: string;

  @ApiProperty({
    description: '历次报送：时间、报送人、说明、指标进度、佐证材料',
    type: 'array',
    items: { type: 'object' },
  })
  submissions!: SupervisedMilestone['submissions'];

  @ApiProperty({
    description: '待审批的延期申请 / the pending extension request',
    type: 'object',
    nullable: true,
    properties: {
      at: { type: 'string', format: 'date-time' },
      by: { type: 'string', description: '申请人 id' },
      dueAt: { type: 'string', format: 'date-time' },
      reason: { type: 'string' },
    },
  })
  extension!: SupervisedMilestone['extension'];

  @ApiProperty({ description: '已触发的提醒与升级步骤', type: [String], example: ['reminder0@v1'] })
  firedSteps!: string[];

  @ApiProperty({ enum: ['yellow', 'red'], nullable: true })
  escalation!: SupervisedMilestone['escalation'];
}

/** What the supervision reads answer: the read model, the lights, and the names behind the ids. */
export class SupervisedItemDto implements SupervisedItem {
  @ApiProperty({ type: String, example: 'item/<planId>/10' })
  workflowId!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  planId!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  itemId!: string;

  @ApiProperty({ type: 'integer' })
  itemNo!: number;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ enum: ITEM_STATUSES })
  status!: ItemStatus;

  @ApiProperty({ description: '牵头单位 id', type: String, nullable: true })
  leadUnitId!: string | null;

  @ApiProperty({ description: '牵头单位名称 / lead unit name', type: String, nullable: true })
  leadUnitName!: string | null;

  @ApiProperty({ description: '配合单位 id', type: [String] })
  coUnitIds!: string[];

  @ApiProperty({ description: '配合单位及名称 / co-units with names', type: [NamedUnitDto] })
  coUnits!: NamedUnitDto[];

  @ApiProperty({ description: '分管领导 id', type: String, nullable: true })
  leaderId!: string | null;

  @ApiProperty({ description: '分管领导姓名 / leader name', type: String, nullable: true })
  leaderName!: string | null;

  @ApiProperty({ description: '责任人 id', type: String, nullable: true })
  responsibleId!: string | null;

  @ApiProperty({
    description: '责任人姓名 / responsible person name',
    type: String,
    nullable: true,
  })
  responsibleName!: string | null;

  @ApiProperty({ type: [SupervisedMilestoneDto] })
  milestones!: SupervisedMilestoneDto[];

  @ApiProperty({ description: '各量化指标的数量', type: [Number] })
  targetQuantities!: number[];

  @ApiProperty({ description: '开始督办的时刻', type: String, format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ description: '读模型的变更序号', type: 'integer' })
  seq!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: '红黄绿灯（含序时进度）', enum: LIGHTS })
  light!: TrafficLight;

  @ApiProperty({ description: '是否逾期', type: Boolean })
  overdue!: boolean;
}
