import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { BatchStatusRepository } from './batch-status.repository';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({ imports: [PipelineModule], controllers: [IngestionController], providers: [IngestionService, BatchStatusRepository], exports: [IngestionService, BatchStatusRepository] })
export class IngestionModule {}
