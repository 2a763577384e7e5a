import { Access } from '../auth/access.decorator';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DatabaseHealthIndicator } from './database.health';
import { checkDependencies, type HealthReport } from './health-report';
import { NotificationsHealthIndicator } from './notifications.health';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

/** Each dependency's time to answer; they are asked at once, so this is the whole wait. */
export const CHECK_BUDGET_MS = 500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly smtp: SmtpHealthIndicator,
    private readonly notifications: NotificationsHealthIndicator,
  ) {}

  @Get()
  @Access({ allow: 'public', action: 'health.read' })
  @ApiOperation({
    summary:
      '数据库、Temporal 与邮件服务的健康状态（另附通知发件箱各状态数量），一秒内答复；任一不可用时返回 503，邮件服务拒收时为 degraded',
  })
  @ApiResponse({
    status: 200,
    description: '全部可用（邮件服务可能为 degraded）/ all up or degraded',
  })
  @ApiResponse({ status: 503, description: '至少一项不可用，见 error / at least one is down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await checkDependencies(
      {
        database: () => this.database.check(),
        temporal: () => this.temporal.check(CHECK_BUDGET_MS),
        smtp: () => this.smtp.check(CHECK_BUDGET_MS),
        notifications: () => this.notifications.check(),
      },
      CHECK_BUDGET_MS,
    );
    // Set here rather than thrown: the report is the body whatever the error filters do.
    if (report.status === 'error') void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
