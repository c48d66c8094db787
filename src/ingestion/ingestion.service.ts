import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ReferenceConfig } from '../config/reference-config';
import { validateBatch } from '../common/validation/batch-validator';
import { Pseudonymiser } from '../privacy/pseudonymiser';
import { IngestionQueue } from '../queue/ingestion-queue';
import { IngestionJob, IngestionPayloads, QueuedContact, QueuedConversation, QueuedVolume } from '../queue/queue-registry';
import { tierOf } from '../tiers/tier-rules';
import { channelProblems, contactProblems } from './contact-rules';
import { conversationProblems } from './conversation-rules';
import { ContactEventDto, MAX_BATCH_ITEMS } from './dto/contact-event.dto';
import { ConversationEventDto } from './dto/conversation-event.dto';
import { VolumeDto } from './dto/volume.dto';

export interface Accepted { batchId: string; accepted: number }

/** Validates a whole request, pseudonymises it and puts it on the queue as one job: all or nothing. */
@Injectable()
export class IngestionService {
  constructor(
    private readonly config: ReferenceConfig,
    private readonly pseudonymiser: Pseudonymiser,
    private readonly queue: IngestionQueue,
  ) {}

  async acceptContacts(body: unknown): Promise<Accepted> {
    const events = validateBatch(body, 'events', ContactEventDto, MAX_BATCH_ITEMS, (e, path) =>
      contactProblems(this.config, e, path),
    );
    const items = events.map((e) => this.toQueued(e));
    return this.enqueue(IngestionJob.Contacts, items);
  }

  async acceptVolumes(body: unknown): Promise<Accepted> {
    const volumes = validateBatch(body, 'volumes', VolumeDto, MAX_BATCH_ITEMS, (v, path) =>
      channelProblems(this.config, v, path),
    );
    const items: QueuedVolume[] = volumes.map((v) => ({
      day: v.date,
      channel: v.channel,
      handling: v.handling ?? this.config.defaultHandling(v.channel)!,
      source: v.source ?? 'api',
      centre: v.centre ?? null,
      service: v.service ?? null,
      count: v.count,
    }));
    return this.enqueue(IngestionJob.Volumes, items);
  }

  /** Derives each event's tier from config/tiers.json; the case reference leaves here as its pseudonym. */
  async acceptConversations(body: unknown): Promise<Accepted> {
    const rules = this.config.tiers;
    const events = validateBatch(body, 'events', ConversationEventDto, MAX_BATCH_ITEMS, (e, path) =>
      conversationProblems(rules, e, path),
    );
    const items: QueuedConversation[] = events.map((e) => {
      const safeguarding = e.safeguarding ?? false;
      return {
        source: e.source ?? 'api',
        source_id: e.id,
        occurred_at: new Date(e.occurredAt).toISOString(),
        case_ref: this.pseudonymiser.pseudonymise(e.caseRef),
        conversation: e.conversation,
        completed_by: e.completedBy,
        outcome: e.outcome ?? null,
        safeguarding,
        tier: tierOf(rules, { conversation: e.conversation, completedBy: e.completedBy, outcome: e.outcome, safeguarding }),
      };
    });
    return this.enqueue(IngestionJob.Conversations, items);
  }

  private async enqueue<K extends IngestionJob>(job: K, items: IngestionPayloads[K]['items']): Promise<Accepted> {
    const batchId = randomUUID();
    await this.queue.enqueue(job, { batchId, items } as never);
    return { batchId, accepted: items.length };
  }

  private toQueued(e: ContactEventDto): QueuedContact {
    return {
      source: e.source ?? 'api',
      source_id: e.id,
      occurred_at: new Date(e.occurredAt).toISOString(),
      channel: e.channel,
      handling: e.handling ?? this.config.defaultHandling(e.channel)!,
      centre: e.centre,
      service: e.service,
      category: e.category,
      outcome: e.outcome,
      handed_off_to: e.handedOffTo,
      wait_seconds: e.waitSeconds,
      duration_seconds: e.durationSeconds,
      satisfaction: e.satisfaction,
      case_ref: e.caseRef === undefined ? undefined : this.pseudonymiser.pseudonymise(e.caseRef),
    };
  }
}
