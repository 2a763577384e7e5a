import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PAST_DUE_CHOICES, type PastDueChoice } from '@duban/domain';

export class ConfirmPlanDto {
  @ApiPropertyOptional({
    enum: PAST_DUE_CHOICES,
    description:
      '已过期的提醒与升级步骤如何处理：notify 每人合并为一份补发汇总；skip 不补发（仅记录）。计划中有已过期步骤时必填，先用 GET confirm-preview 查看影响',
  })
  @IsOptional()
  @IsIn(PAST_DUE_CHOICES)
  pastDue?: PastDueChoice;
}
