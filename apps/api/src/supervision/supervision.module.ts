import { Module } from '@nestjs/common';
import { EvidenceController } from './evidence.controller';
import { SupervisionStarter } from './supervision-starter.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  controllers: [SupervisionController, EvidenceController],
  providers: [SupervisionService, SupervisionStarter],
  exports: [SupervisionStarter],
})
export class SupervisionModule {}
