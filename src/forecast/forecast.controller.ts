import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { localDateOf } from '../periods/london-time';
import { sendStats } from '../stats/respond';
import { StatsEndpoint } from '../stats/stats-endpoint.decorator';
import { ErlangDto, ErlangQueryDto, ForecastDto, ForecastQueryDto, StaffingDto, StaffingQueryDto } from './forecast.dto';
import { erlangParams, forecastParams, staffingParams } from './forecast-params';
import { ForecastService } from './forecast.service';

const STAFFING_COLUMNS = [
  'from', 'to', 'contacts', 'ahtSeconds', 'trafficErlangs', 'agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'staff',
];

/** Forecast and staffing (docs/http-contract.md "Forecast and staffing"): JSON, or CSV like the statistics. */
@ApiTags('forecast')
@ApiBearerAuth()
@Controller('v1')
export class ForecastController {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly config: ReferenceConfig,
  ) {}

  @StatsEndpoint('forecast', 'Contacts forecast per day or half-hour, with an 80 % interval and the backtest', ForecastDto,
    'one row per day or half-hour')
  async forecast(@Query() q: ForecastQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = forecastParams({ ...q }, this.config);
    const forecast = await this.forecasts.forecast(p);
    const body = p.historyWeeks === undefined ? forecast
      : { ...forecast, actual: await this.forecasts.dailyActual(p.selection, p.from, p.to, p.historyWeeks, localDateOf(new Date())) };
    sendStats(req, res, q.format, body, () => body.series.map((r) => ({ ...r })), `forecast-${p.selection.channel}-${p.from}-${p.to}`);
  }

  @StatsEndpoint('staffing', 'Advisers per half-hour of a day by Erlang C, from the forecast', StaffingDto, 'one row per half-hour')
  async staffing(@Query() q: StaffingQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = staffingParams({ ...q }, this.config);
    const body = await this.forecasts.staffing(p);
    sendStats(req, res, q.format, body, () => body.intervals.map((r) => ({ ...r })), `staffing-${p.selection.channel}-${p.date}`,
      STAFFING_COLUMNS);
  }

  @Get('staffing/erlang')
  @Scopes('read')
  @ApiOperation({ summary: 'Erlang C for one interval from given numbers (a calculator for planners)' })
  @ApiOkResponse({ type: ErlangDto })
  erlang(@Query() q: ErlangQueryDto): ErlangDto {
    return this.forecasts.erlang(erlangParams({ ...q }));
  }
}
