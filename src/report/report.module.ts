import { Module } from '@nestjs/common';
import { BaselinesModule } from '../baselines/baselines.module';
import { ForecastModule } from '../forecast/forecast.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { StatsModule } from '../stats/stats.module';
import { WebAnalyticsModule } from '../web-analytics/web-analytics';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

@Module({
  imports: [StatsModule, IndicatorsModule, BaselinesModule, WebAnalyticsModule, ForecastModule],
  controllers: [ReportController],
  providers: [ReportService],
})
export class ReportModule {}
