import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AcceptedDto, BatchStatusDto, ErrorDto, IngestionStatusDto } from './dto/ingestion-responses.dto';
import { ApiError } from '../common/http/api-error';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Scopes } from '../auth/scopes';
import { checkSourceBinding } from '../auth/source-binding';
import { IngestionQueue } from '../queue/ingestion-queue';
import { BatchStatusRepository } from './batch-status.repository';
import { ContactBatchDto } from './dto/contact-event.dto';
import { ConversationBatchDto } from './dto/conversation-event.dto';
import { VolumeBatchDto } from './dto/volume.dto';
import { IngestionService } from './ingestion.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1')
export class IngestionController {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly queue: IngestionQueue,
    private readonly batches: BatchStatusRepository,
  ) {}

  @Post('contacts')
  @HttpCode(202)
  @Scopes('ingest')
  @ApiOperation({ summary: 'Queue 1–10,000 contact events; all are accepted or none' })
  @ApiBody({ type: ContactBatchDto })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'queue unavailable or full; see Retry-After' })
  contacts(@Body() body: unknown, @Req() req: AuthenticatedRequest) {
    checkSourceBinding(req, body, 'events');
    return this.ingestion.acceptContacts(body);
  }

  @Post('conversations')
  @HttpCode(202)
  @Scopes('ingest')
  @ApiOperation({ summary: 'Queue 1–10,000 3 Conversations events; the tier is derived, never sent' })
  @ApiBody({ type: ConversationBatchDto })
  conversations(@Body() body: unknown, @Req() req: AuthenticatedRequest) {
    checkSourceBinding(req, body, 'events');
    return this.ingestion.acceptConversations(body);
  }

  @Post('volumes')
  @HttpCode(202)
  @Scopes('ingest')
  @ApiOperation({ summary: 'Queue pre-counted daily volumes; a key sent again replaces its count' })
  @ApiBody({ type: VolumeBatchDto })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  volumes(@Body() body: unknown, @Req() req: AuthenticatedRequest) {
    checkSourceBinding(req, body, 'volumes');
    return this.ingestion.acceptVolumes(body);
  }

  @Get('ingestion/batches/:batchId')
  @Scopes('any')
  @ApiOperation({ summary: 'State of one accepted batch' })
  @ApiOkResponse({ type: BatchStatusDto })
  async batch(@Param('batchId') batchId: string) {
    if (!UUID.test(batchId)) throw ApiError.notFound('no such batch');
    const done = await this.batches.completed(batchId);
    if (done) return { batchId, state: 'completed', ...done };
    const queued = await this.queue.stateOf(batchId);
    if (!queued) throw ApiError.notFound('no such batch');
    return { batchId, state: queued.state, accepted: queued.accepted, inserted: 0, duplicates: 0, ...(queued.error ? { error: queued.error } : {}) };
  }

  @Get('ingestion/status')
  @Scopes('any')
  @ApiOperation({ summary: 'Queue depth and age of the oldest waiting batch' })
  @ApiOkResponse({ type: IngestionStatusDto })
  async status() {
    // Finished jobs leave Redis at once, so the count of completed batches comes from Postgres.
    const [queue, completed] = await Promise.all([this.queue.status(), this.batches.completedCount()]);
    return { ...queue, completed };
  }
}
