import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ApiError } from '../common/http/api-error';
import { SLUG } from '../common/validation/domain-validators';
import { periodOf } from '../stats/stats-filter';
import { PeriodOnlyQueryDto } from '../stats/stats-query.dto';
import { renderCsv } from './render-csv';
import { renderMarkdown } from './render-md';
import type { CustomerExperienceReport } from './report-model';
import { ReportService } from './report.service';

const FORMATS = ['json', 'md', 'html', 'csv', 'docx'] as const;
type Format = (typeof FORMATS)[number];

export class ReportQueryDto extends PeriodOnlyQueryDto {
  /** `json` (default), `md`, `html`, `csv` or `docx`. */
  @IsOptional() @IsIn(FORMATS) format?: Format;
  /** A baseline's name; the newest baseline when absent. */
  @IsOptional() @IsString() baseline?: string;
}

/**
 * The chart renderers are loaded on first use: ECharts, docx and resvg take ≈ 28 MB of a process,
 * which a worker, or an API never asked for a chart, does not need.
 */
const TYPES: Record<Exclude<Format, 'json'>, { type: string; ext: string; render: (r: CustomerExperienceReport) => string | Promise<string | Buffer> }> = {
  md: { type: 'text/markdown; charset=utf-8', ext: 'md', render: renderMarkdown },
  html: { type: 'text/html; charset=utf-8', ext: 'html', render: async (r) => (await import('./render-html')).renderHtml(r) },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv', render: renderCsv },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    render: async (r) => (await import('./render-docx')).renderDocx(r),
  },
};

/** The Customer Experience report (docs/http-contract.md "Reports and indicators"): one model, one renderer per format. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('customer-experience')
  @Scopes('read')
  @ApiOperation({ summary: 'The Customer Experience report of a period: contacts by channel, trend, chatbot, centres, website, tiers, scorecard' })
  @ApiOkResponse({ description: 'JSON (the report model), or md, html, csv or docx for ?format=' })
  @ApiProduces('application/json', ...Object.values(TYPES).map((t) => t.type))
  async customerExperience(@Query() q: ReportQueryDto, @Res() res: Response): Promise<void> {
    const period = periodOf(q);
    if (q.baseline !== undefined && !SLUG.test(q.baseline)) throw ApiError.notFound(`no baseline named ${q.baseline}`);
    const report = await this.reports.customerExperience(period, q.baseline);
    const format = q.format ?? 'json';
    if (format === 'json') {
      res.json(report);
      return;
    }
    const { type, ext, render } = TYPES[format];
    res.setHeader('Content-Type', type);
    // HTML opens in the browser, to read and print; the other formats are saved as files.
    const disposition = format === 'html' ? 'inline' : 'attachment';
    res.setHeader('Content-Disposition', `${disposition}; filename="customer-experience-${period.from}-${period.to}.${ext}"`);
    res.send(await render(report));
  }
}
