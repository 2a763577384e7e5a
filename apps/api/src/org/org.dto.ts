import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  IsUrl,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import {
  CHAT_WEBHOOK_KINDS,
  CODE_PATTERN,
  DELIVERY_MODES,
  EMAIL_PATTERN,
  LOCALES,
  PHONE_PATTERN,
  ROLES,
  UNIT_KINDS,
  type ChatWebhookKind,
  type DeliveryMode,
  type Locale,
  type Role,
  type UnitKind,
} from '@duban/domain';

export class ChatWebhookDto {
  @ApiProperty({
    enum: CHAT_WEBHOOK_KINDS,
    description: 'wecom 企业微信群机器人 / dingtalk 钉钉群机器人',
  })
  @IsIn(CHAT_WEBHOOK_KINDS, {
    message: `chatWebhook.kind 必须是 ${CHAT_WEBHOOK_KINDS.join('、')} 之一`,
  })
  kind!: ChatWebhookKind;

  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=…' })
  @IsString()
  @Length(1, 500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'chatWebhook.url 必须是 http(s) 地址' },
  )
  url!: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: '钉钉“加签”密钥' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  secret: string | null = null;
}

export class UnitDto {
  @ApiProperty({ example: 'elderly-care', description: '单位代码：小写字母、数字、-、_' })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'code 只能包含小写字母、数字、- 和 _，不超过 64 个字符' })
  code!: string;

  @ApiProperty({ example: '养老服务科', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiProperty({
    description: '单位负责人 id（须为本单位人员）；null 表示未指定',
    nullable: true,
    type: String,
  })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'headId 必须是人员 id 或 null' })
  headId!: string | null;

  @ApiPropertyOptional({
    type: ChatWebhookDto,
    nullable: true,
    description: '单位的群机器人；省略则保持不变（读取时地址与密钥不完整显示），null 表示移除',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatWebhookDto)
  chatWebhook?: ChatWebhookDto | null;
}

export class PersonDto {
  @ApiProperty({ example: 'zhangwei', description: '登录用户名：小写字母、数字、-、_' })
  @IsString()
  @Matches(CODE_PATTERN, { message: 'username 只能包含小写字母、数字、- 和 _，不超过 64 个字符' })
  username!: string;

  @ApiProperty({ example: '张伟', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  name!: string;

  @ApiProperty({ nullable: true, type: String, description: '所属单位 id' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all', { message: 'unitId 必须是单位 id 或 null' })
  unitId!: string | null;

  @ApiProperty({ example: 'zhangwei@mz.example.gov.cn' })
  @IsString()
  @Length(3, 254)
  @Matches(EMAIL_PATTERN, { message: 'email 不是有效的电子邮箱' })
  email!: string;

  @ApiProperty({ nullable: true, type: String, example: '13800000000' })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'mobile 不是有效的电话号码' })
  mobile!: string | null;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles 至少需要一个角色' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: 'roles 中有未知角色' })
  roles!: Role[];

  @ApiProperty({ type: [String], description: '分管单位 id（领导）' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'chargeUnitIds 中每一项必须是单位 id' })
  chargeUnitIds!: string[];

  @ApiProperty({ enum: LOCALES, default: 'zh-CN' })
  @IsIn(LOCALES)
  locale!: Locale;

  @ApiPropertyOptional({
    enum: DELIVERY_MODES,
    default: 'both',
    description: '通知方式：immediate 逐条发送，digest 只收每日摘要，both 两者都收',
  })
  @IsIn(DELIVERY_MODES, { message: `delivery 必须是 ${DELIVERY_MODES.join('、')} 之一` })
  delivery: DeliveryMode = 'both';

  @ApiProperty({ description: '停用的人员不能登录，也不再接收提醒' })
  @IsBoolean()
  active!: boolean;
}

/** Who sees e-mail and mobile (maySeeContactDetails in libs/domain). */
export const CONTACT_DETAILS_RULE =
  '电子邮箱与手机号仅管理员、督查室、本单位负责人及本人可见，其他人看不到这两项';

/** A person as the API answers them: the written fields, the id and the account's state. */
export class PersonViewDto extends OmitType(PersonDto, ['email', 'mobile'] as const) {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiPropertyOptional({ description: CONTACT_DETAILS_RULE, example: 'zhangwei@mz.example.gov.cn' })
  email?: string;

  @ApiPropertyOptional({ description: CONTACT_DETAILS_RULE, nullable: true, type: String })
  mobile?: string | null;

  @ApiProperty({ description: '已设置密码，可以登录' })
  canLogin!: boolean;

  @ApiProperty({ nullable: true, type: String, description: '锁定到何时（连续登录失败后）' })
  lockedUntil!: string | null;
}

export class NewPersonDto extends PersonDto {
  @ApiPropertyOptional({ description: '初始密码；不提供则该人员暂不能登录' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  password?: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: '新密码：至少 10 个字符，含三类字符' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class OrganisationDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: '单位：code、name、kind、head（用户名）',
  })
  @IsArray()
  @IsObject({ each: true })
  units!: object[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: '人员：username、name、unit（代码）、email、mobile、roles、charge、locale',
  })
  @IsArray()
  @IsObject({ each: true })
  people!: object[];
}
