import { Module } from '@nestjs/common';
import { IngestionModule } from '../ingestion/ingestion.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({ imports: [IngestionModule, PipelineModule], controllers: [ImportsController], providers: [ImportsService, ImportsRepository] })
export class ImportsModule {}
