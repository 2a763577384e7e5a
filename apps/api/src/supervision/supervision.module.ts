import { Module } from '@nestjs/common';
import { SupervisionStarter } from './supervision-starter.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, SupervisionStarter],
  exports: [SupervisionStarter],
})
export class SupervisionModule {}
