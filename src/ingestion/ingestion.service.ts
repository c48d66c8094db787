import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ReferenceConfig } from '../config/reference-config';
import { validateBatch } from '../common/validation/batch-validator';
import { Pseudonymiser } from '../privacy/pseudonymiser';
import { IngestionQueue } from '../queue/ingestion-queue';
import { acceptedIn, IngestionJob, IngestionPayloads, QueuedVolume } from '../queue/queue-registry';
import { channelProblems, contactProblems } from './contact-rules';
import { renderContactRows } from './contact-rows';
import { renderConversationRows } from './conversation-rows';
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
    return this.enqueue(IngestionJob.Contacts, renderContactRows(this.config, this.pseudonymiser, events));
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
    return this.enqueue(IngestionJob.Volumes, { items });
  }

  /** Derives each event's tier from config/tiers.json; the case reference leaves here as its pseudonym. */
  async acceptConversations(body: unknown): Promise<Accepted> {
    const rules = this.config.tiers;
    const events = validateBatch(body, 'events', ConversationEventDto, MAX_BATCH_ITEMS, (e, path) =>
      conversationProblems(rules, e, path),
    );
    return this.enqueue(IngestionJob.Conversations, renderConversationRows(rules, this.pseudonymiser, events));
  }

  private async enqueue<K extends IngestionJob>(job: K, data: Omit<IngestionPayloads[K], 'batchId'>): Promise<Accepted> {
    const payload = { batchId: randomUUID(), ...data } as IngestionPayloads[K];
    await this.queue.enqueue(job, payload);
    return { batchId: payload.batchId, accepted: acceptedIn(payload) };
  }
}
