import { Body, Controller, Get, HttpCode, Injectable, Module, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Scopes } from '../auth/scopes';
import { ApiError } from '../common/http/api-error';
import { ReadDatabase } from '../database/read-database';
import { rows } from '../database/sql';
import { MAX_YEAR, MIN_YEAR } from '../periods/period';
import { yearOnYearPercent } from './year-on-year';

const MAX_COUNT = 1_000_000_000_000;

/** `PUT /v1/web-analytics/:year`: the website's totals for a calendar year (from its analytics tool). */
export class WebYearDto {
  @IsInt() @Min(0) @Max(MAX_COUNT) users: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) sessions: number;
  @IsInt() @Min(0) @Max(MAX_COUNT) pageViews: number;
}

export class WebYearRowDto extends WebYearDto {
  year: number;
  /** Year-on-year change in percent to two decimals; null for the first year or after a 0. */
  usersChangePercent: number | null;
  sessionsChangePercent: number | null;
  pageViewsChangePercent: number | null;
}

export class WebAnalyticsDto {
  /** Oldest year first. */
  years: WebYearRowDto[];
}

export const PUT_WEB_YEAR_SQL = `
  INSERT INTO web_analytics (year, users, sessions, page_views) VALUES ($1, $2, $3, $4)
  ON CONFLICT (year) DO UPDATE SET users = EXCLUDED.users, sessions = EXCLUDED.sessions, page_views = EXCLUDED.page_views,
    updated_at = now()`;
export const WEB_YEARS_SQL = `
  SELECT year, users::float8 AS users, sessions::float8 AS sessions, page_views::float8 AS "pageViews"
  FROM web_analytics ORDER BY year`;

/** Every stored year with its change from the year before (only when that year is stored). */
export function withYearOnYear(years: (WebYearDto & { year: number })[]): WebYearRowDto[] {
  return years.map((y, i) => {
    const last = years[i - 1]?.year === y.year - 1 ? years[i - 1] : undefined;
    return {
      ...y,
      usersChangePercent: yearOnYearPercent(y.users, last?.users),
      sessionsChangePercent: yearOnYearPercent(y.sessions, last?.sessions),
      pageViewsChangePercent: yearOnYearPercent(y.pageViews, last?.pageViews),
    };
  });
}

@Injectable()
export class WebAnalyticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly read: ReadDatabase,
  ) {}

  async put(year: number, body: WebYearDto): Promise<WebYearDto & { year: number }> {
    await rows(this.ds, PUT_WEB_YEAR_SQL, [year, body.users, body.sessions, body.pageViews]);
    return { year, users: body.users, sessions: body.sessions, pageViews: body.pageViews };
  }

  async list(): Promise<WebAnalyticsDto> {
    return { years: withYearOnYear(await rows<WebYearDto & { year: number }>(this.read, WEB_YEARS_SQL)) };
  }
}

const yearPipe = new ParseIntPipe({
  exceptionFactory: () => ApiError.validation([{ path: 'year', problem: `must be a year ${MIN_YEAR}–${MAX_YEAR}` }]),
});

/** Website statistics by year (docs/http-contract.md "Reports and indicators"). */
@ApiTags('web analytics')
@ApiBearerAuth()
@Controller('v1/web-analytics')
export class WebAnalyticsController {
  constructor(private readonly web: WebAnalyticsService) {}

  @Put(':year')
  @HttpCode(200)
  @Scopes('ingest')
  @ApiOperation({ summary: "Store or replace a year's website users, sessions and page views" })
  put(@Param('year', yearPipe) year: number, @Body() body: WebYearDto) {
    if (year < MIN_YEAR || year > MAX_YEAR || !/^\d{4}$/.test(String(year))) {
      throw ApiError.validation([{ path: 'year', problem: `must be a year ${MIN_YEAR}–${MAX_YEAR}` }]);
    }
    return this.web.put(year, body);
  }

  @Get()
  @Scopes('read')
  @ApiOperation({ summary: 'Website users, sessions and page views by year, with year-on-year change in percent to two decimals' })
  @ApiOkResponse({ type: WebAnalyticsDto })
  list(): Promise<WebAnalyticsDto> {
    return this.web.list();
  }
}

@Module({ controllers: [WebAnalyticsController], providers: [WebAnalyticsService], exports: [WebAnalyticsService] })
export class WebAnalyticsModule {}
