import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  COMMAND_LIMITS,
  DEFAULT_ESCALATION_POLICY,
  DUE_GRACE_UNTIL,
  MILESTONE_KEY,
  MILESTONES_MAX,
  RECIPIENT_ROLES,
  type CommandType,
} from '@duban/domain';

/*
 * The command bodies as OpenAPI schemas, one class per command type. They document; they do not
 * validate: readWorkItemCommand and decideCommand in libs/domain do, and a test holds these
 * schemas to what the reader reads (work-item-commands.docs.int-spec.ts).
 */

const UUID_EXAMPLE = '0b6f8f52-3f0e-4b7e-9a53-3c2a1d6f1e11';
const DUE_EXAMPLE = '2024-12-31T16:00:00.000Z';

const milestoneKey = (description: string) =>
  ApiProperty({
    description: `${description}；${MILESTONE_KEY.source}`,
    type: String,
    pattern: MILESTONE_KEY.source,
    maxLength: 32,
    example: 'q1',
  });

const typeOf = (type: CommandType) => ApiProperty({ enum: [type], example: type });

const DUE_RULE =
  `ISO-8601 时刻，须在计划年度 1 月 1 日至次年 ${DUE_GRACE_UNTIL}（中国时间）之间 / ` +
  `an ISO-8601 instant from 1 January of the plan year to ${DUE_GRACE_UNTIL} of the next (China time)`;

export class AssignCommandDto {
  @typeOf('assign')
  type!: 'assign';

  @ApiProperty({ description: '牵头单位 id / lead unit', type: String, example: UUID_EXAMPLE })
  leadUnitId!: string;

  @ApiPropertyOptional({ description: '配合单位 id / co-units', type: [String], example: [] })
  coUnitIds?: string[];

  @ApiProperty({
    description: '分管领导 id，null 表示按牵头单位的分管领导 / leader in charge, or null',
    type: String,
    nullable: true,
    example: null,
  })
  leaderId!: string | null;

  @ApiProperty({
    description:
      '责任人 id（牵头或配合单位的人员），接收提醒；可为 null / the person reminded, or null',
    type: String,
    nullable: true,
    example: UUID_EXAMPLE,
  })
  responsibleId!: string | null;
}

export class AcknowledgeCommandDto {
  @typeOf('acknowledge')
  type!: 'acknowledge';
}

export class MilestoneInputDto {
  @milestoneKey('里程碑标识，事项内唯一 / unique within the item')
  key!: string;

  @ApiPropertyOptional({
    description: '名称，缺省为“里程碑 n” / title',
    type: String,
    maxLength: COMMAND_LIMITS.title,
    example: '第一季度进展',
  })
  title?: string;

  @ApiProperty({ description: DUE_RULE, type: String, format: 'date-time', example: DUE_EXAMPLE })
  dueAt!: string;
}

export class SetMilestonesCommandDto {
  @typeOf('setMilestones')
  type!: 'setMilestones';

  @ApiProperty({
    description:
      '替换事项的全部里程碑；已审核通过的只改名称 / replaces every milestone; approved ones keep their date',
    type: [MilestoneInputDto],
    minItems: 1,
    maxItems: MILESTONES_MAX,
    example: [{ key: 'final', title: '完成', dueAt: DUE_EXAMPLE }],
  })
  milestones!: MilestoneInputDto[];
}

export class TargetProgressDto {
  @ApiProperty({
    description: '量化指标的序号（从 0 起）/ index of the target',
    type: 'integer',
    minimum: 0,
    example: 0,
  })
  target!: number;

  @ApiProperty({ description: '已完成的数量 / value reached', type: Number, minimum: 0 })
  value!: number;
}

export class EvidenceReferenceDto {
  @ApiProperty({ description: '上传所得的材料 id / evidence id', type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'SHA-256（十六进制）', type: String, pattern: '^[0-9a-f]{64}$' })
  sha256!: string;
}

export class SubmitProgressCommandDto {
  @typeOf('submitProgress')
  type!: 'submitProgress';

  @milestoneKey('报送的里程碑 / milestone reported on')
  milestoneKey!: string;

  @ApiProperty({
    description: '进展说明 / progress text',
    type: String,
    maxLength: COMMAND_LIMITS.text,
    example: '第一季度完成改造 120 户',
  })
  text!: string;

  @ApiPropertyOptional({
    description: '量化指标进度 / progress on targets',
    type: [TargetProgressDto],
    example: [{ target: 0, value: 120 }],
  })
  progress?: TargetProgressDto[];

  @ApiPropertyOptional({
    description: '佐证材料（先上传）/ evidence uploaded before',
    type: [EvidenceReferenceDto],
    maxItems: COMMAND_LIMITS.evidence,
    example: [],
  })
  evidence?: EvidenceReferenceDto[];
}

export class ApproveMilestoneCommandDto {
  @typeOf('approveMilestone')
  type!: 'approveMilestone';

  @milestoneKey('审核通过的里程碑 / milestone approved')
  milestoneKey!: string;

  @ApiPropertyOptional({
    description: '审核意见 / comment',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '同意',
  })
  comment?: string;
}

export class ReturnMilestoneCommandDto {
  @typeOf('returnMilestone')
  type!: 'returnMilestone';

  @milestoneKey('退回的里程碑 / milestone returned')
  milestoneKey!: string;

  @ApiProperty({
    description: '退回意见，不能为空 / why, required',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '请补充佐证材料',
  })
  comment!: string;
}

export class RequestExtensionCommandDto {
  @typeOf('requestExtension')
  type!: 'requestExtension';

  @milestoneKey('申请延期的里程碑 / milestone to extend')
  milestoneKey!: string;

  @ApiProperty({
    description:
      `新的截止时间：晚于原截止时间；非最终里程碑不能晚于最终里程碑 / the new deadline: later than ` +
      `the current one, and no later than the final milestone unless it is the final one. ${DUE_RULE}`,
    type: String,
    format: 'date-time',
    example: '2024-10-31T16:00:00.000Z',
  })
  dueAt!: string;

  @ApiProperty({
    description: '延期理由 / reason',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '资金未到位',
  })
  reason!: string;
}

export class DecideExtensionCommandDto {
  @typeOf('decideExtension')
  type!: 'decideExtension';

  @milestoneKey('待审批延期的里程碑 / milestone with a pending request')
  milestoneKey!: string;

  @ApiProperty({ description: '批准或不批准 / approve or refuse', type: Boolean, example: true })
  approve!: boolean;

  @ApiPropertyOptional({
    description: '审批意见，不批准时必填 / comment, required to refuse',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '',
  })
  comment?: string;
}

export class CompleteCommandDto {
  @typeOf('complete')
  type!: 'complete';
}

export class WorkingDaysOffsetDto {
  @ApiProperty({
    description: '工作日数 / working days',
    type: 'integer',
    minimum: 0,
    maximum: 250,
  })
  workingDays!: number;
}

export class DurationOffsetDto {
  @ApiProperty({
    description: 'ISO-8601 时长，如 PT5S、P1D / an ISO-8601 duration',
    type: String,
    example: 'PT5S',
  })
  duration!: string;
}

const offset = (description: string) =>
  ApiProperty({
    description: `${description}：工作日或 ISO-8601 时长，二者取一 / working days or a duration`,
    oneOf: [
      { $ref: getSchemaPath(WorkingDaysOffsetDto) },
      { $ref: getSchemaPath(DurationOffsetDto) },
    ],
  });

const recipients = (description: string) =>
  ApiProperty({ description, enum: RECIPIENT_ROLES, isArray: true, minItems: 1 });

@ApiExtraModels(WorkingDaysOffsetDto, DurationOffsetDto)
export class ReminderRuleDto {
  @offset('截止前多久提醒 / how long before the deadline')
  before!: WorkingDaysOffsetDto | DurationOffsetDto;
}

@ApiExtraModels(WorkingDaysOffsetDto, DurationOffsetDto)
export class EscalationRuleDto {
  @offset('逾期多久升级 / how long after the deadline')
  after!: WorkingDaysOffsetDto | DurationOffsetDto;

  @recipients('通知谁 / who is told')
  recipients!: string[];

  @ApiProperty({ description: '事项灯色 / the light it sets', enum: ['yellow', 'red'] })
  light!: 'yellow' | 'red';

  @ApiPropertyOptional({ description: '是否发催办单 / issues an urging notice', type: Boolean })
  urgingNotice?: boolean;
}

@ApiExtraModels(WorkingDaysOffsetDto, DurationOffsetDto)
export class EscalationPolicyDto {
  @ApiProperty({
    description:
      '策略版本，正整数；对事项设置时须高于事项当前策略的版本 / a positive integer; ' +
      "for setPolicy it must be above the item's current policy version",
    type: 'integer',
    minimum: 1,
    example: 2,
  })
  version!: number;

  @ApiProperty({
    description: '按工作日计的步骤在几点发出（中国时间，HH:MM）/ time of working-day steps',
    type: String,
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    example: '09:00',
  })
  notifyAt!: string;

  @recipients('截止前提醒谁 / who is reminded')
  reminderRecipients!: string[];

  @ApiProperty({ description: '截止前的提醒 / reminders', type: [ReminderRuleDto] })
  reminders!: ReminderRuleDto[];

  @ApiProperty({ description: '逾期后的升级 / escalations', type: [EscalationRuleDto] })
  escalations!: EscalationRuleDto[];

  @offset('截止前多久亮黄灯 / yellow from this far ahead')
  warningWindow!: WorkingDaysOffsetDto | DurationOffsetDto;
}

export class SetPolicyCommandDto {
  @typeOf('setPolicy')
  type!: 'setPolicy';

  @ApiProperty({
    description:
      '此后适用于本事项的提醒与催办策略；version 须高于事项当前策略的版本 / the policy from now on; ' +
      "its version must be above the item's current policy version",
    type: EscalationPolicyDto,
    example: { ...DEFAULT_ESCALATION_POLICY, version: 2 },
  })
  policy!: EscalationPolicyDto;
}

export class ReopenCommandDto {
  @typeOf('reopen')
  type!: 'reopen';

  @ApiProperty({
    description: '重新打开的理由 / reason',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '审计发现数据有误',
  })
  reason!: string;
}

export class CancelCommandDto {
  @typeOf('cancel')
  type!: 'cancel';

  @ApiProperty({
    description: '撤销理由 / reason',
    type: String,
    maxLength: COMMAND_LIMITS.comment,
    example: '任务调整',
  })
  reason!: string;
}

/** One schema per command type; a new type fails to compile until it has one. */
export const COMMAND_DTOS: Readonly<Record<CommandType, Type<unknown>>> = {
  assign: AssignCommandDto,
  acknowledge: AcknowledgeCommandDto,
  setMilestones: SetMilestonesCommandDto,
  submitProgress: SubmitProgressCommandDto,
  approveMilestone: ApproveMilestoneCommandDto,
  returnMilestone: ReturnMilestoneCommandDto,
  requestExtension: RequestExtensionCommandDto,
  decideExtension: DecideExtensionCommandDto,
  complete: CompleteCommandDto,
  setPolicy: SetPolicyCommandDto,
  reopen: ReopenCommandDto,
  cancel: CancelCommandDto,
};

/** The request body of the commands route: one of the above, told apart by `type`. */
export const COMMAND_BODY_SCHEMA = {
  oneOf: Object.values(COMMAND_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })),
  discriminator: {
    propertyName: 'type',
    mapping: Object.fromEntries(
      Object.entries(COMMAND_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)]),
    ),
  },
};
