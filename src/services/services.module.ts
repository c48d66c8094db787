import { Module } from '@nestjs/common';
import { ServiceStatsRepository } from './service-stats.repository';
import { ServiceStatsService } from './service-stats.service';
import { ServicesController } from './services.controller';

@Module({
  controllers: [ServicesController],
  providers: [ServiceStatsRepository, ServiceStatsService],
  exports: [ServiceStatsService],
})
export class ServicesModule {}
