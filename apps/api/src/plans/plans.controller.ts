import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlanSummary, StoredPlan, StoredPlanItem } from '@duban/persistence';
import { MAX_INPUT_BYTES } from '@duban/plan-parser';
import { Access, CurrentCaller, type Caller } from '../auth/access.decorator';
import { AssignItemDto } from './assign-item.dto';
import { ConfirmPlanDto } from './confirm-plan.dto';
import { EditItemDto, EditSectionDto, ReplaceTargetsDto } from './edit-plan.dto';
import { ImportPlanTextDto, PLAN_YEAR_MAX, PLAN_YEAR_MIN } from './import-plan.dto';
import { FILE_FIELD, readPlanUpload } from './plan-upload';
import { PlansService } from './plans.service';

/**
 * JSON escapes (\n, \") make a text longer than its bytes; twice the document limit leaves room
 * for them, and the 5 MB limit on the text itself is checked once the body is read.
 */
const IMPORT_BODY_LIMIT_BYTES = 2 * MAX_INPUT_BYTES;

const uuid = new ParseUUIDPipe();

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post('import')
  @Access({ allow: 'plan:manage', action: 'plan.import' })
  @RouteConfig({ bodyLimit: IMPORT_BODY_LIMIT_BYTES })
  @ApiOperation({
    summary:
      '导入工作要点：上传 .txt/.docx 文件或提交 JSON 文本，解析后保存为草稿；同一内容再次导入返回已有计划',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiExtraModels(ImportPlanTextDto)
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          required: [FILE_FIELD],
          properties: {
            [FILE_FIELD]: {
              type: 'string',
              format: 'binary',
              description: '.txt 或 .docx，不超过 5 MB',
            },
            year: { type: 'integer', minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX },
          },
        },
        { $ref: getSchemaPath(ImportPlanTextDto) },
      ],
    },
  })
  @ApiCreatedResponse({ description: '新计划（草稿），含 id 与 status' })
  @ApiOkResponse({ description: '相同内容（SHA-256）已导入过：返回已有计划' })
  @ApiBadRequestResponse({ description: '请求字段不合法' })
  @ApiPayloadTooLargeResponse({ description: '文件超过 5 MB' })
  @ApiUnsupportedMediaTypeResponse({
    description: '不是 .txt/.docx 文件，或请求体既非 JSON 也非 multipart',
  })
  @ApiUnprocessableEntityResponse({
    description: '解析器拒绝该文档：errors 中每项含 code、message、messageEn、line',
  })
  async import(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    const { plan, created } = await this.plans.import(await readPlanUpload(request), caller);
    void reply.status(created ? 201 : 200);
    return plan;
  }

  @Get()
  @Access({ allow: 'plan:read', action: 'plan.list' })
  @ApiOperation({ summary: '计划列表：id、标题、年度、状态与部分/事项/指标数量，新导入的在前' })
  @ApiOkResponse({ description: '计划摘要列表' })
  list(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  @Get(':id')
  @Access({ allow: 'plan:read', action: 'plan.read' })
  @ApiOperation({
    summary:
      '读取计划：部分、事项、任务、量化指标、截止日期与解析提示；科室人员只看到本单位牵头或配合的事项',
  })
  @ApiOkResponse({ description: '完整计划（解析结果的结构，另含 id、status 与各部分/事项的 id）' })
  @ApiNotFoundResponse({ description: '计划不存在' })
  find(@Param('id', uuid) id: string, @CurrentCaller() caller: Caller): Promise<StoredPlan> {
    return this.plans.find(id, caller);
  }

  @Get(':id/items/:itemId')
  @Access({ allow: 'plan:read', action: 'item.read' })
  @ApiOperation({ summary: '读取一个事项；不属于本单位的事项对科室人员返回 403 并记入审计' })
  @ApiOkResponse({ description: '事项，含责任单位与分管领导' })
  @ApiForbiddenResponse({ description: '该事项不属于您所在单位' })
  @ApiNotFoundResponse({ description: '计划或事项不存在' })
  findItem(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlanItem> {
    return this.plans.findItem(id, itemId, caller);
  }

  @Put(':id/escalation-policy')
  @Access({ allow: 'plan:manage', action: 'plan.set-policy' })
  @ApiOperation({
    summary:
      '设置草稿计划的提醒与催办策略（工作日或 ISO-8601 时长）；确认后各事项按此策略督办，可逐项另设新版本',
  })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        version: 2,
        notifyAt: '09:00',
        reminderRecipients: ['responsible'],
        reminders: [{ before: { workingDays: 5 } }, { before: { workingDays: 1 } }],
        escalations: [
          {
            after: { workingDays: 0 },
            recipients: ['responsible', 'unit_head'],
            light: 'yellow',
            urgingNotice: false,
          },
          { after: { workingDays: 2 }, recipients: ['leader'], light: 'red', urgingNotice: false },
          {
            after: { workingDays: 5 },
            recipients: ['principal_leader', 'supervisor'],
            light: 'red',
            urgingNotice: true,
          },
        ],
        warningWindow: { workingDays: 5 },
      },
    },
  })
  @ApiOkResponse({ description: '修改后的完整计划' })
  @ApiBadRequestResponse({ description: '策略不合法，field 指明哪一项' })
  @ApiConflictResponse({ description: '计划已确认，不能修改' })
  setEscalationPolicy(
    @Param('id', uuid) id: string,
    // A policy is data with nested offsets: the domain reads and checks it (readEscalationPolicy).
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    return this.plans.setEscalationPolicy(id, body, caller);
  }

  @Put(':id/items/:itemId/responsibility')
  @Access({ allow: 'plan:manage', action: 'plan.assign-item' })
  @ApiOperation({ summary: '指定草稿中事项的牵头单位、配合单位、分管领导与责任人' })
  @ApiOkResponse({ description: '修改后的完整计划' })
  @ApiBadRequestResponse({
    description: '单位或领导不存在，牵头单位同时列为配合单位，或责任人不在牵头或配合单位',
  })
  @ApiNotFoundResponse({ description: '计划或事项不存在' })
  @ApiConflictResponse({ description: '计划已确认，不能修改' })
  assign(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: AssignItemDto,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    return this.plans.assign(
      id,
      itemId,
      {
        leadUnitId: body.leadUnitId,
        coUnitIds: body.coUnitIds,
        leaderId: body.leaderId,
        responsibleId: body.responsibleId ?? null,
      },
      caller,
    );
  }

  @Patch(':id/sections/:sectionNo')
  @Access({ allow: 'plan:manage', action: 'plan.edit-section' })
  @ApiOperation({ summary: '修改草稿中某一部分的标题' })
  @ApiOkResponse({ description: '修改后的完整计划' })
  @ApiBadRequestResponse({ description: '字段不合法，message 与 field 指明哪一个' })
  @ApiNotFoundResponse({ description: '计划或部分不存在' })
  @ApiConflictResponse({ description: '计划已确认，不能修改' })
  editSection(
    @Param('id', uuid) id: string,
    @Param('sectionNo', ParseIntPipe) sectionNo: number,
    @Body() body: EditSectionDto,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    return this.plans.editSection(id, sectionNo, { ...body }, caller);
  }

  @Patch(':id/items/:itemId')
  @Access({ allow: 'plan:manage', action: 'plan.edit-item' })
  @ApiOperation({ summary: '修改草稿中事项的标题、截止日期或建议牵头单位' })
  @ApiOkResponse({ description: '修改后的完整计划' })
  @ApiBadRequestResponse({ description: '字段不合法，message 与 field 指明哪一个' })
  @ApiNotFoundResponse({ description: '计划或事项不存在' })
  @ApiConflictResponse({ description: '计划已确认，不能修改' })
  editItem(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: EditItemDto,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    return this.plans.editItem(id, itemId, { ...body }, caller);
  }

  @Put(':id/items/:itemId/targets')
  @Access({ allow: 'plan:manage', action: 'plan.replace-targets' })
  @ApiOperation({ summary: '整体替换草稿中事项的量化指标' })
  @ApiOkResponse({ description: '修改后的完整计划' })
  @ApiBadRequestResponse({ description: '字段不合法，message 与 field 指明哪一个' })
  @ApiNotFoundResponse({ description: '计划或事项不存在' })
  @ApiConflictResponse({ description: '计划已确认，不能修改' })
  replaceTargets(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @Body() body: ReplaceTargetsDto,
    @CurrentCaller() caller: Caller,
  ): Promise<StoredPlan> {
    return this.plans.replaceTargets(id, itemId, body.targets, caller);
  }

  @Post(':id/confirm')
  @Access({ allow: 'plan:manage', action: 'plan.confirm' })
  @HttpCode(200)
  @ApiOperation({
    summary: '确认计划并开始督办：每个事项一个督办流程；此后不能再修改；再次确认不变，也不重复启动',
  })
  @ApiOkResponse({ description: '已确认的完整计划，supervision.preview 说明发出了哪些通知' })
  @ApiBadRequestResponse({
    description: '计划中已有过期的提醒或升级步骤而未选择 pastDue；details.preview 说明影响',
  })
  @ApiNotFoundResponse({ description: '计划不存在' })
  confirm(
    @Param('id', uuid) id: string,
    @Body() body: ConfirmPlanDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.plans.confirm(id, caller, body?.pastDue);
  }

  @Get(':id/confirm-preview')
  @Access({ allow: 'plan:manage', action: 'plan.confirm-preview' })
  @ApiOperation({
    summary:
      '确认前预览：有多少事项已逾期、多少步骤已过期，确认将发出多少交办通知和补发汇总（每人一份），哪些事项的提醒无人接收',
  })
  @ApiOkResponse({ description: 'ConfirmPreview' })
  @ApiNotFoundResponse({ description: '计划不存在' })
  confirmPreview(@Param('id', uuid) id: string) {
    return this.plans.confirmPreview(id);
  }
}
