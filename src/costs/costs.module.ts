import { Module } from '@nestjs/common';
import { CostStatsRepository } from './cost-stats.repository';
import { CostStatsService } from './cost-stats.service';
import { CostsController } from './costs.controller';

@Module({
  controllers: [CostsController],
  providers: [CostStatsRepository, CostStatsService],
  exports: [CostStatsService],
})
export class CostsModule {}
