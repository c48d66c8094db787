import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { ReferenceConfig } from '../config/reference-config';
import { localDateOf } from '../periods/london-time';
import { financialYearOf, parsePeriod, PeriodError } from '../periods/period';
import { dashboardPage, DashboardView } from './dashboard-page';

/**
 * The page's own policy, stricter than the service-wide one (Swagger UI needs inline styles):
 * nothing inline, nothing from other hosts. `blob:` only for the downloads the page builds.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** The page's own files (src/dashboard/assets, copied beside the build), and the chart library from npm. */
const ASSETS_DIR = join(__dirname, 'assets');
const ASSET_NAME = /^[a-z-]+(?:\.min)?\.(js|css)$/;
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const ECHARTS = 'echarts.min.js';

type PageQuery = Record<string, string | string[] | undefined>;

/** The dashboard (docs/http-contract.md "Dashboard"): HTML from the service, figures read by its script from the API. */
@ApiTags('dashboard')
@Controller()
export class DashboardController {
  constructor(private readonly config: ReferenceConfig) {}

  @Get()
  @ApiOperation({ summary: 'The dashboard page (HTML, no key needed; its script asks for a read key when API_KEYS is set, or takes /#key=…)' })
  @ApiQuery({ name: 'period', required: false, description: '2021, 2021-12, FY2021-22 or FY2021-22-Q3 (default: this financial year)' })
  @ApiQuery({ name: 'from', required: false, description: 'First local date, with to' })
  @ApiQuery({ name: 'to', required: false, description: 'Last local date, with from' })
  @ApiQuery({ name: 'centre', required: false, description: 'A configured centre' })
  @ApiOkResponse({ description: 'The page; 400 with the page and the problem on it for a bad period or centre' })
  @ApiProduces('text/html')
  page(@Query() q: PageQuery, @Res() res: Response): void {
    const view = this.viewOf(q);
    res
      .status(view.problem ? 400 : 200)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store' })
      .send(dashboardPage(this.config, view));
  }

  @Get('dashboard/:asset')
  @ApiExcludeEndpoint()
  asset(@Param('asset') name: string, @Res() res: Response): void {
    const match = ASSET_NAME.exec(name);
    const notFound = () => res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'no such dashboard file' });
    if (!match) return void notFound();
    const headers = { 'Content-Type': TYPES[match[1]], 'Cache-Control': 'no-cache' };
    if (name === ECHARTS) return res.sendFile(require.resolve(`echarts/dist/${ECHARTS}`), { headers });
    // `root` keeps the name inside the folder; a name that is not there answers 404.
    res.sendFile(name, { root: ASSETS_DIR, headers }, (e) => e && !res.headersSent && notFound());
  }

  /** The period and centre asked for; a bad one becomes this financial year with the problem said. */
  private viewOf(q: PageQuery): DashboardView {
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const [period, from, to, centre] = [text(q.period), text(q.from), text(q.to), text(q.centre)];
    const thisYear = parsePeriod({ period: financialYearOf(localDateOf(new Date())) });
    const problems: string[] = [];
    const known = centre === undefined || this.config.centreNames.includes(centre);
    if (!known) problems.push(`centre: unknown centre; one of ${this.config.centreNames.join(', ')}`);
    try {
      const chosen = period || from || to ? parsePeriod({ period, from, to }) : thisYear;
      return { period: chosen, centre: known ? centre : undefined, problem: problems.join('; ') || undefined };
    } catch (e) {
      if (!(e instanceof PeriodError)) throw e;
      problems.unshift(`${e.field}: ${e.problem}`);
      return { period: thisYear, centre: known ? centre : undefined, problem: problems.join('; ') };
    }
  }
}
