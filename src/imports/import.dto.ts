import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsSlug } from '../common/validation/domain-validators';
import { IMPORT_FORMATS, IMPORT_KINDS, ImportFormat, ImportKind } from './import-kinds';

/** `POST /v1/imports?kind=…&format=…`: what the streamed body holds. */
// Described explicitly: the query is documented the same with or without the build's Swagger plugin.
export class ImportQueryDto {
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS) kind: ImportKind;
  @ApiPropertyOptional({ enum: IMPORT_FORMATS, default: 'csv' })
  @IsOptional() @IsIn(IMPORT_FORMATS) format?: ImportFormat;
  @ApiPropertyOptional({ description: 'a mapping file of config/imports/, by name without .json', example: 'netcall-calls' })
  @IsOptional() @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'must name a mapping file of config/imports/, e.g. netcall-calls' }) map?: string;
  @ApiPropertyOptional({ description: 'source for rows that carry none (Amazon Connect records: instead of amazon_connect)' })
  @IsOptional() @IsSlug() source?: string;
}

export class ImportAcceptedDto {
  importId: string;
}

export class ImportRejectDto {
  /** Data row of the file, from 1. */
  row: number;
  /** Every problem of the row, joined with "; ". */
  problem: string;
}

export class ImportStatusDto {
  importId: string;
  kind: ImportKind;
  format: ImportFormat;
  /** `completed` once every accepted row's batch is counted. */
  state: 'running' | 'completed' | 'failed';
  read: number;
  accepted: number;
  rejected: number;
  /** Rows that are no customer contact (e.g. outbound Amazon Connect legs) or empty. */
  skipped: number;
  /** The first 1,000 rejected rows. */
  rejects: ImportRejectDto[];
  /** Once completed: contacts new to the service (volumes: items written); null before. */
  counted: number | null;
  /** Once completed: accepted rows that were already counted; null before. */
  duplicates: number | null;
  /** Why a failed import stopped. */
  error?: string;
}
