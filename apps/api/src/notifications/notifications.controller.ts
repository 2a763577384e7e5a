import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { DubanConfig } from '@duban/config';
import { DomainException, DomainExceptionCode } from '@duban/domain';
import { readSinkMessages, type SinkMessage } from '@duban/devstack';
import { NotificationRepository, type OutboxRow } from '@duban/persistence';
import { signalDispatcher } from '@duban/worker-kit';
import { Access, CurrentCaller, type Caller } from '../auth/access.decorator';
import { auditCaller } from '../auth/audit-actor';
import { NotificationQueryDto, SinkQueryDto } from './notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly temporal: Client,
    private readonly config: DubanConfig,
  ) {}

  @Get('notifications')
  @Access({ allow: 'notification:read', action: 'notification.list' })
  @ApiOperation({
    summary: '通知发件箱：每条通知的状态、尝试次数与服务器答复（可按状态、收件人筛选）',
  })
  list(@Query() query: NotificationQueryDto): Promise<OutboxRow[]> {
    return this.notifications.list({ ...query, limit: query.limit ?? 100 });
  }

  @Post('notifications/:id/resend')
  @HttpCode(200)
  @Access({ allow: 'notification:manage', action: 'notification.resend' })
  @ApiOperation({ summary: '确认后重新发送一条失败或状态未知的通知' })
  @ApiNotFoundResponse({ description: '通知不存在' })
  @ApiConflictResponse({ description: '通知不是失败或状态未知' })
  async resend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<OutboxRow> {
    const row = await this.notifications.resend(id, new Date(), auditCaller(caller));
    if (row) {
      await signalDispatcher(this.temporal);
      return row;
    }
    const existing = await this.notifications.find(id);
    if (!existing) {
      throw new DomainException(DomainExceptionCode.NotFound, `通知 ${id} 不存在`, {
        messageEn: `no notification ${id}`,
      });
    }
    throw new DomainException(
      DomainExceptionCode.Conflict,
      `通知状态为 ${existing.status}，只有失败或状态未知的通知可以重发`,
      {
        messageEn: `the notification is ${existing.status}: only failed or unknown ones are resent`,
      },
    );
  }

  @Get('dev/mail')
  @Access({ allow: 'notification:read', action: 'dev.mail' })
  @ApiOperation({ summary: '仅开发环境：开发用 SMTP 接收器收到的邮件，最新的在前' })
  @ApiOkResponse({ description: '邮件列表（收件人、主题、Message-ID、正文）' })
  @ApiNotFoundResponse({ description: '生产环境或未使用开发用接收器' })
  sinkMail(@Query() query: SinkQueryDto): Promise<SinkMessage[]> {
    const { nodeEnv, notify } = this.config.env;
    if (nodeEnv === 'production' || notify.sinkDir === null) {
      throw new DomainException(DomainExceptionCode.NotFound, '开发用邮件接收器未启用', {
        messageEn: 'the development mail sink is not in use',
      });
    }
    return readSinkMessages(notify.sinkDir, query.limit ?? 20);
  }
}
