import { Module } from '@nestjs/common';
import { BatchStatusRepository } from './batch-status.repository';
import { IngestionController } from './ingestion.controller';
import { IngestionService } from './ingestion.service';

@Module({ controllers: [IngestionController], providers: [IngestionService, BatchStatusRepository] })
export class IngestionModule {}
