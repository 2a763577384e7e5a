import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { ResponsibilityValidator } from './responsibility.validator';
import { SupervisionStarter } from './supervision-starter.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  controllers: [SupervisionController, EvidenceController],
  providers: [SupervisionService, SupervisionStarter, ResponsibilityValidator],
  exports: [SupervisionStarter, ResponsibilityValidator],
})
export class SupervisionModule {}
