import { Access } from '../auth/access.decorator';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { NotificationsHealthIndicator } from './notifications.health';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly smtp: SmtpHealthIndicator,
    private readonly notifications: NotificationsHealthIndicator,
  ) {}

  @Get()
  @Access({ allow: 'public', action: 'health.read' })
  @HealthCheck()
  @ApiOperation({
    summary:
      '数据库、Temporal 与邮件服务的健康状态（另附通知发件箱各状态数量）；任一不可用时返回 503',
  })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.temporal.check('temporal'),
      () => this.smtp.check('smtp'),
      () => this.notifications.check('notifications'),
    ]);
  }
}
