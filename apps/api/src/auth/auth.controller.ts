import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { OrgRepository, type PersonView } from '@duban/persistence';
import {
  Access,
  CurrentCaller,
  RequestIp,
  type AuthenticatedRequest,
  type Caller,
} from './access.decorator';
import { auditCaller } from './audit-actor';
import { ChangePasswordDto, DeliveryModeDto, LoginDto, RefreshDto } from './auth.dto';
import { AuthService, type TokenPair } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly org: OrgRepository,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access({ allow: 'public', action: 'auth.login' })
  @ApiOperation({ summary: '登录：返回短期访问令牌与可撤销的刷新令牌；连续失败达到上限后锁定账户' })
  @ApiOkResponse({ description: 'accessToken、refreshToken、expiresIn 与当前用户' })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误' })
  @ApiTooManyRequestsResponse({ description: '登录请求过于频繁' })
  login(@Body() body: LoginDto, @RequestIp() ip: string): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access({ allow: 'public', action: 'auth.refresh' })
  @ApiOperation({ summary: '用刷新令牌换取新的令牌对；旧刷新令牌随即失效，重复使用将注销该会话' })
  @ApiOkResponse({ description: '新的令牌对' })
  @ApiUnauthorizedResponse({ description: '刷新令牌无效、过期或已撤销' })
  refresh(@Body() body: RefreshDto, @RequestIp() ip: string): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, ip);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access({ allow: 'signed-in', action: 'auth.logout' })
  @ApiOperation({ summary: '注销：撤销本次登录，访问令牌与刷新令牌立即失效' })
  async logout(
    @CurrentCaller() caller: Caller,
    @Req() request: AuthenticatedRequest,
  ): Promise<void> {
    await this.auth.logout(caller, request.sessionId ?? '');
  }

  @Get('me')
  @ApiBearerAuth()
  @Access({ allow: 'signed-in', action: 'auth.me' })
  @ApiOperation({ summary: '当前登录用户' })
  me(@CurrentCaller() caller: Caller): Promise<PersonView> {
    return this.auth.me(caller.actor);
  }

  @Put('me/delivery')
  @ApiBearerAuth()
  @Access({ allow: 'signed-in', action: 'auth.set-delivery' })
  @ApiOperation({ summary: '设置本人的通知方式：逐条、每日摘要或两者' })
  setDelivery(@CurrentCaller() caller: Caller, @Body() body: DeliveryModeDto): Promise<PersonView> {
    return this.org.setDelivery(caller.actor.userId, body.delivery, auditCaller(caller));
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access({ allow: 'signed-in', action: 'auth.change-password' })
  @ApiOperation({ summary: '修改本人密码；成功后全部登录失效，需要重新登录' })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.auth.changePassword(caller, body.currentPassword, body.newPassword);
  }
}
