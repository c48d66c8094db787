import { Module } from '@nestjs/common';
import { StatsModule } from '../stats/stats.module';
import { TiersModule } from '../tiers/tiers.module';
import { BaselinesController } from './baselines.controller';
import { BaselinesRepository } from './baselines.repository';
import { BaselinesService } from './baselines.service';

@Module({
  imports: [TiersModule, StatsModule],
  controllers: [BaselinesController],
  providers: [BaselinesRepository, BaselinesService],
  exports: [BaselinesService],
})
export class BaselinesModule {}
