import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../auth/scopes';
import { periodOf } from '../stats/stats-filter';
import { PeriodOnlyQueryDto } from '../stats/stats-query.dto';
import { IndicatorValueDto, KpisDto, StoredIndicatorValueDto } from './indicator.dto';
import { IndicatorsService } from './indicators.service';

/** The performance scorecard (docs/http-contract.md "Reports and indicators"). */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('v1')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('kpis')
  @Scopes('read')
  @ApiOperation({ summary: 'Every indicator for a period: value, target, RAG, direction of travel, previous period and same period last year' })
  @ApiOkResponse({ type: KpisDto })
  kpis(@Query() q: PeriodOnlyQueryDto): Promise<KpisDto> {
    return this.indicators.kpis(periodOf(q));
  }

  @Put('indicators/:id/values/:period')
  @HttpCode(200)
  @Scopes('ingest')
  @ApiOperation({ summary: "Store or replace a reported indicator's value and commentary for a period (404 unknown, 400 derived)" })
  @ApiOkResponse({ type: StoredIndicatorValueDto })
  put(@Param('id') id: string, @Param('period') period: string, @Body() body: IndicatorValueDto): Promise<StoredIndicatorValueDto> {
    return this.indicators.put(id, periodOf({ period }), body);
  }
}
