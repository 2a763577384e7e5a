import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  OrgRepository,
  type OrgImportSummary,
  type PersonView,
  type UnitView,
} from '@duban/persistence';
import { Access, CurrentCaller, type Caller } from '../auth/access.decorator';
import { auditActor } from '../auth/audit-actor';
import {
  CONTACT_DETAILS_RULE,
  NewPersonDto,
  OrganisationDto,
  PersonDto,
  PersonViewDto,
  SetPasswordDto,
  UnitDto,
} from './org.dto';
import { OrgService, type PersonListing } from './org.service';

const uuid = new ParseUUIDPipe();

@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(
    private readonly org: OrgRepository,
    private readonly service: OrgService,
  ) {}

  @Get('units')
  @Access({ allow: 'org:read', action: 'unit.list' })
  @ApiOperation({ summary: '单位列表' })
  listUnits(): Promise<UnitView[]> {
    return this.org.listUnits();
  }

  @Get('units/:id')
  @Access({ allow: 'org:read', action: 'unit.read' })
  @ApiOperation({ summary: '读取单位' })
  @ApiNotFoundResponse({ description: '单位不存在' })
  findUnit(@Param('id', uuid) id: string): Promise<UnitView> {
    return this.org.findUnit(id);
  }

  @Post('units')
  @Access({ allow: 'org:manage', action: 'unit.create' })
  @ApiOperation({ summary: '新建单位' })
  @ApiConflictResponse({ description: '代码或名称已存在' })
  createUnit(@Body() body: UnitDto, @CurrentCaller() caller: Caller): Promise<UnitView> {
    return this.org.createUnit({ ...body }, auditActor(caller.actor));
  }

  @Put('units/:id')
  @Access({ allow: 'org:manage', action: 'unit.update' })
  @ApiOperation({ summary: '修改单位' })
  @ApiNotFoundResponse({ description: '单位不存在' })
  @ApiConflictResponse({ description: '代码或名称已存在' })
  updateUnit(
    @Param('id', uuid) id: string,
    @Body() body: UnitDto,
    @CurrentCaller() caller: Caller,
  ): Promise<UnitView> {
    return this.org.updateUnit(id, { ...body }, auditActor(caller.actor));
  }

  @Delete('units/:id')
  @HttpCode(204)
  @Access({ allow: 'org:manage', action: 'unit.delete' })
  @ApiOperation({ summary: '删除没有人员的单位' })
  @ApiNotFoundResponse({ description: '单位不存在' })
  @ApiConflictResponse({ description: '单位还有人员' })
  async deleteUnit(@Param('id', uuid) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.org.deleteUnit(id, auditActor(caller.actor));
  }

  @Get('people')
  @Access({ allow: 'org:read', action: 'person.list' })
  @ApiOperation({ summary: `人员列表（不含密码信息）；${CONTACT_DETAILS_RULE}` })
  @ApiOkResponse({ type: [PersonViewDto] })
  listPeople(@CurrentCaller() caller: Caller): Promise<PersonListing[]> {
    return this.service.people(caller);
  }

  @Get('people/:id')
  @Access({ allow: 'org:read', action: 'person.read' })
  @ApiOperation({ summary: `读取人员；${CONTACT_DETAILS_RULE}` })
  @ApiOkResponse({ type: PersonViewDto })
  @ApiNotFoundResponse({ description: '人员不存在' })
  findPerson(
    @Param('id', uuid) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<PersonListing> {
    return this.service.person(id, caller);
  }

  @Post('people')
  @Access({ allow: 'org:manage', action: 'person.create' })
  @ApiOperation({ summary: '新建人员（可同时设置初始密码）' })
  @ApiBadRequestResponse({ description: '字段不合法或密码太弱' })
  @ApiConflictResponse({ description: '用户名已存在' })
  createPerson(@Body() body: NewPersonDto, @CurrentCaller() caller: Caller): Promise<PersonView> {
    const { password, ...fields } = body;
    return this.service.createPerson(fields, password, caller);
  }

  @Put('people/:id')
  @Access({ allow: 'org:manage', action: 'person.update' })
  @ApiOperation({ summary: '修改人员；停用后其全部登录立即失效' })
  @ApiNotFoundResponse({ description: '人员不存在' })
  updatePerson(
    @Param('id', uuid) id: string,
    @Body() body: PersonDto,
    @CurrentCaller() caller: Caller,
  ): Promise<PersonView> {
    return this.service.updatePerson(id, { ...body }, caller);
  }

  @Post('people/:id/password')
  @HttpCode(204)
  @Access({ allow: 'org:manage', action: 'person.set-password' })
  @ApiOperation({ summary: '重置人员密码并解除锁定；其全部登录失效' })
  @ApiNotFoundResponse({ description: '人员不存在' })
  async setPassword(
    @Param('id', uuid) id: string,
    @Body() body: SetPasswordDto,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.service.setPassword(id, body.password, caller);
  }

  @Post('org/import')
  @HttpCode(200)
  @Access({ allow: 'org:manage', action: 'org.import' })
  @ApiOperation({ summary: '导入组织架构（与 duban org import 相同的结构）；重复导入不产生变化' })
  @ApiOkResponse({ description: '新建与修改的单位、人员数量' })
  @ApiBadRequestResponse({ description: 'field 指明第一处错误' })
  importOrganisation(
    @Body() body: OrganisationDto,
    @CurrentCaller() caller: Caller,
  ): Promise<OrgImportSummary> {
    return this.service.importOrganisation(body, caller);
  }
}
