import { Module } from '@nestjs/common';
import { TiersModule } from '../tiers/tiers.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** The contact statistics: one reader of the aggregates, figure functions per metric, one controller. */
@Module({
  imports: [TiersModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
  exports: [StatsService],
})
export class StatsModule {}
