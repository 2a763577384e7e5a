import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DiagnosticProbeRecord, DiagnosticResult } from '@duban/contracts';
import { DiagnosticsService } from './diagnostics.service';
import { RunDiagnosticDto } from './run-diagnostic.dto';

@ApiTags('diagnostics')
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '运行一次诊断流程：经 Temporal 调度 worker 写入一条探测记录并返回' })
  run(@Body() body: RunDiagnosticDto): Promise<DiagnosticResult> {
    return this.diagnostics.run(body.note);
  }

  @Get(':requestId')
  @ApiOperation({ summary: '从数据库读取一条探测记录' })
  find(@Param('requestId', new ParseUUIDPipe()) requestId: string): Promise<DiagnosticProbeRecord> {
    return this.diagnostics.find(requestId);
  }
}
