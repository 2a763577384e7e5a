import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { WorkItemState } from '@duban/domain';
import type { TimelineEntry } from '@duban/persistence';
import { Access, CurrentCaller, type Caller } from '../auth/access.decorator';
import { ItemFilterDto, SupervisedItemDto } from './supervision.dto';
import { SupervisionService, type SupervisedItem } from './supervision.service';
import { COMMAND_BODY_SCHEMA, COMMAND_DTOS } from './work-item-commands.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('plans/:id/supervision')
  @Access({ allow: 'plan:read', action: 'supervision.list' })
  @ApiOperation({
    summary: '计划的督办事项（读模型）：红黄绿灯、是否逾期；可按单位、灯色、逾期、责任人筛选',
  })
  @ApiOkResponse({
    description: '事项列表，含单位与人员名称；科室人员只看到本单位的事项',
    type: [SupervisedItemDto],
  })
  list(
    @Param('id', uuid) id: string,
    @Query() filter: ItemFilterDto,
    @CurrentCaller() caller: Caller,
  ): Promise<SupervisedItem[]> {
    return this.supervision.items(id, { ...filter }, caller);
  }

  @Get('plans/:id/items/:itemId/supervision')
  @Access({ allow: 'plan:read', action: 'supervision.read' })
  @ApiOperation({ summary: '一个事项的督办状态：里程碑、报送、延期、灯色' })
  @ApiOkResponse({ type: SupervisedItemDto })
  @ApiForbiddenResponse({ description: '该事项不属于您所在单位' })
  @ApiNotFoundResponse({ description: '事项不在督办中' })
  item(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SupervisedItem> {
    return this.supervision.item(id, itemId, caller);
  }

  @Get('plans/:id/items/:itemId/timeline')
  @Access({ allow: 'plan:read', action: 'supervision.timeline' })
  @ApiOperation({ summary: '事项的时间线：每一次操作与提醒、催办，含操作人与时间' })
  @ApiForbiddenResponse({ description: '该事项不属于您所在单位' })
  timeline(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<TimelineEntry[]> {
    return this.supervision.timeline(id, itemId, caller);
  }

  @Post('plans/:id/items/:itemId/commands')
  @HttpCode(200)
  @Access({ allow: 'item:command', action: 'item.command' })
  @ApiOperation({
    summary:
      '对事项执行操作（交办、签收、报送进展、审核、退回、申请/审批延期、办结、重新打开、撤销）；由督办流程校验权限与状态',
  })
  @ApiExtraModels(...Object.values(COMMAND_DTOS))
  @ApiBody({
    description: '按 type 区分的操作，每种操作的字段见其模式 / one schema per command type',
    schema: COMMAND_BODY_SCHEMA,
  })
  @ApiOkResponse({ description: '操作后的事项状态' })
  @ApiBadRequestResponse({ description: '字段不合法，field 指明哪一个' })
  @ApiForbiddenResponse({ description: '无权执行（例如非分管领导审核）' })
  @ApiConflictResponse({ description: '事项当前状态不允许该操作，或计划尚未确认' })
  command(
    @Param('id', uuid) id: string,
    @Param('itemId', uuid) itemId: string,
    // Documented by COMMAND_DTOS but read and checked by the domain (readWorkItemCommand), so
    // the validation pipe leaves it alone.
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<WorkItemState> {
    return this.supervision.command(id, itemId, body, caller);
  }

  @Get('units/:id/items')
  @Access({ allow: 'plan:read', action: 'supervision.unit-items' })
  @ApiOperation({ summary: '一个单位牵头或配合的全部督办事项' })
  @ApiOkResponse({ type: [SupervisedItemDto] })
  unitItems(
    @Param('id', uuid) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SupervisedItem[]> {
    return this.supervision.unitItems(id, caller);
  }
}
