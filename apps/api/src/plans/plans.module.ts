import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [SupervisionModule],
  controllers: [PlansController],
  providers: [PlansService],
})
export class PlansModule {}
