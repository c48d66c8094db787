import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse,
  ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags,
} from '@nestjs/swagger';
import { AcceptedDto, BatchStatusDto, DeadLetterListDto, ErrorDto, IngestionStatusDto } from './dto/ingestion-responses.dto';
import { ApiError } from '../common/http/api-error';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Scopes } from '../auth/scopes';
import { checkSourceBinding } from '../auth/source-binding';
import { DeadLetterStore } from '../pipeline/dead-letter.store';
import { DeadLetters } from '../pipeline/dead-letters';
import { IngestionQueue } from '../queue/ingestion-queue';
import { BatchStatusRepository } from './batch-status.repository';
import { DeadLetterQueryDto } from './dto/dead-letter-query.dto';
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
    private readonly deadLetterStore: DeadLetterStore,
    private readonly deadLetters: DeadLetters,
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
    // The queue first: a batch leaves Redis only once it is in Postgres (completed or
    // dead-lettered), so asking in this order never misses one that moves in between.
    const queued = await this.queue.stateOf(batchId);
    if (queued && queued.state !== 'completed') {
      return { batchId, state: queued.state, accepted: queued.accepted, inserted: 0, duplicates: 0, ...(queued.error ? { error: queued.error } : {}) };
    }
    const done = await this.batches.completed(batchId);
    if (done) return { batchId, state: 'completed', ...done };
    const dead = await this.deadLetterStore.reasonOf(batchId);
    if (dead) return { batchId, state: 'failed', accepted: dead.items, inserted: 0, duplicates: 0, error: dead.reason };
    throw ApiError.notFound('no such batch');
  }

  @Get('ingestion/status')
  @Scopes('any')
  @ApiOperation({ summary: 'Queue depth, age of the oldest waiting batch, completed and dead-lettered batches' })
  @ApiOkResponse({ type: IngestionStatusDto })
  async status() {
    // Finished jobs leave Redis at once, so the count of completed batches comes from Postgres.
    const [queue, completed, deadLettered] = await Promise.all([
      this.queue.status(),
      this.batches.completedCount(),
      this.deadLetterStore.count(),
    ]);
    return { ...queue, completed, deadLettered };
  }

  @Get('ingestion/dead-letters')
  @Scopes('admin')
  @ApiOperation({ summary: 'Batches that cannot be written, newest first; each can be retried or discarded' })
  @ApiOkResponse({ type: DeadLetterListDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  async listDeadLetters(@Query() q: DeadLetterQueryDto) {
    const [total, deadLetters] = await Promise.all([this.deadLetterStore.count(), this.deadLetterStore.list(q.limit ?? 100)]);
    return { total, deadLetters };
  }

  @Post('ingestion/dead-letters/:batchId/retry')
  @HttpCode(202)
  @Scopes('admin')
  @ApiOperation({ summary: 'Queue a dead-lettered batch again, under its own batch id; it leaves the store once queued' })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'a job of this batch is still in the queue' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'queue unavailable; see Retry-After' })
  async retryDeadLetter(@Param('batchId') batchId: string) {
    const accepted = UUID.test(batchId) ? await this.deadLetters.retry(batchId) : undefined;
    if (accepted === undefined) throw ApiError.notFound('no such dead letter');
    return { batchId, accepted };
  }

  @Delete('ingestion/dead-letters/:batchId')
  @HttpCode(204)
  @Scopes('admin')
  @ApiOperation({ summary: 'Discard a dead-lettered batch for good (logged)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'the batch was queued again' })
  async discardDeadLetter(@Param('batchId') batchId: string): Promise<void> {
    if (!UUID.test(batchId) || !(await this.deadLetters.discard(batchId))) throw ApiError.notFound('no such dead letter');
  }
}
