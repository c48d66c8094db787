import { Module, OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '../queue/job-handler.registry';
import { IngestionJob } from '../queue/queue-registry';
import { ContactWriter } from './contact.writer';
import { ConversationWriter } from './conversation.writer';
import { DeadLetterStore } from './dead-letter.store';
import { DeadLetters } from './dead-letters';
import { VolumeWriter } from './volume.writer';

/** Writers of the ingestion jobs and the dead-letter store; registered in every role, run by the worker role. */
@Module({
  providers: [ContactWriter, VolumeWriter, ConversationWriter, DeadLetterStore, DeadLetters],
  exports: [ContactWriter, VolumeWriter, ConversationWriter, DeadLetterStore, DeadLetters],
})
export class PipelineModule implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly contacts: ContactWriter,
    private readonly volumes: VolumeWriter,
    private readonly conversations: ConversationWriter,
  ) {}

  onModuleInit(): void {
    this.registry.register(IngestionJob.Contacts, (p) => this.contacts.write(p));
    this.registry.register(IngestionJob.Volumes, (p) => this.volumes.write(p.batchId, p.items));
    this.registry.register(IngestionJob.Conversations, (p) => this.conversations.write(p));
  }
}
