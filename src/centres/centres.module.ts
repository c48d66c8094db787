import { Module } from '@nestjs/common';
import { CentreStatsRepository } from './centre-stats.repository';
import { CentreStatsService } from './centre-stats.service';
import { CentresController } from './centres.controller';

@Module({
  controllers: [CentresController],
  providers: [CentreStatsRepository, CentreStatsService],
  exports: [CentreStatsService],
})
export class CentresModule {}
