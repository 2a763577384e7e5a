import { Access } from '../auth/access.decorator';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DiagnosticProbeRecord, DiagnosticResult } from '@duban/contracts';
import { DiagnosticsService } from './diagnostics.service';
import { RunDiagnosticDto } from './run-diagnostic.dto';

@ApiTags('diagnostics')
@ApiBearerAuth()
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post()
  @Access({ allow: 'system:diagnose', action: 'diagnostic.run' })
  @HttpCode(201)
  @ApiOperation({ summary: '运行一次诊断流程：经 Temporal 调度 worker 写入一条探测记录并返回' })
  run(@Body() body: RunDiagnosticDto): Promise<DiagnosticResult> {
    return this.diagnostics.run(body.note);
  }

  @Get(':requestId')
  @Access({ allow: 'system:diagnose', action: 'diagnostic.read' })
  @ApiOperation({ summary: '从数据库读取一条探测记录' })
  find(@Param('requestId', new ParseUUIDPipe()) requestId: string): Promise<DiagnosticProbeRecord> {
    return this.diagnostics.find(requestId);
  }
}
