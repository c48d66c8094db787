import { Module } from '@nestjs/common';
import { ForecastController } from './forecast.controller';
import { ForecastRepository } from './forecast.repository';
import { ForecastService } from './forecast.service';

/** Demand forecasts and Erlang C staffing from the counted history. */
@Module({
  controllers: [ForecastController],
  providers: [ForecastRepository, ForecastService],
  exports: [ForecastService],
})
export class ForecastModule {}
