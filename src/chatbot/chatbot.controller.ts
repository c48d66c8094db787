import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Scopes } from '../auth/scopes';
import { ReferenceConfig } from '../config/reference-config';
import { sendStats } from '../stats/respond';
import { filtersOf, periodOf } from '../stats/stats-filter';
import { StatsQueryDto } from '../stats/stats-query.dto';
import { ChatbotService } from './chatbot.service';

const COLUMNS = ['from', 'to', 'chatbot', 'escalated', 'webchat'];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('v1/stats')
export class ChatbotController {
  constructor(
    private readonly stats: ChatbotService,
    private readonly config: ReferenceConfig,
  ) {}

  @Get('chatbot')
  @Scopes('read')
  @ApiOperation({ summary: 'Chatbot contacts, escalations, containment and webchat, with a monthly series' })
  async chatbot(@Query() q: StatsQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const body = await this.stats.chatbot(periodOf(q), filtersOf(q, this.config));
    sendStats(req, res, q.format, body, () => body.series.map((r) => ({ ...r })),
      `chatbot-${body.period.from}-${body.period.to}`, COLUMNS);
  }
}
