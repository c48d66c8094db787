import { Module, OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from '../queue/job-handler.registry';
import { IngestionJob } from '../queue/queue-registry';
import { ContactWriter } from './contact.writer';
import { ConversationWriter } from './conversation.writer';
import { VolumeWriter } from './volume.writer';

/** Writers of the ingestion jobs; registered in every role, run by the worker role. */
@Module({
  providers: [ContactWriter, VolumeWriter, ConversationWriter],
  exports: [ContactWriter, VolumeWriter, ConversationWriter],
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
