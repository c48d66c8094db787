import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiPayloadTooLargeResponse, ApiTags, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { Scopes } from '../auth/scopes';
import { ApiError } from '../common/http/api-error';
import { Env } from '../config/env';
import { ErrorDto } from '../ingestion/dto/ingestion-responses.dto';
import { ImportAcceptedDto, ImportQueryDto, ImportStatusDto } from './import.dto';
import { ImportsService } from './imports.service';
import { uploadStream } from './upload-body';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Files of history (docs/http-contract.md "Importing files"). No `@Body()`: the file is streamed, never buffered. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly env: Env,
  ) {}

  @Post()
  @HttpCode(202)
  @Scopes('ingest')
  @ApiOperation({ summary: 'Import a file (the streamed body, up to 1 GB) through the same validation, queue and counting as POST /v1/contacts' })
  @ApiConsumes('text/csv', 'application/x-ndjson')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto, description: 'the file is read; its rows are being counted' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiPayloadTooLargeResponse({ type: ErrorDto })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto })
  async upload(@Query() q: ImportQueryDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<ImportAcceptedDto> {
    const format = q.format ?? 'csv';
    if (format === 'amazon-connect' && q.kind !== 'contacts') {
      throw ApiError.validation([{ path: 'kind', problem: 'Amazon Connect records are contacts: use kind=contacts' }]);
    }
    try {
      const file = uploadStream(req, format, this.env.IMPORT_LIMIT_BYTES);
      if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
      return { importId: await this.imports.upload({ ...q, format }, file, req) };
    } catch (e) {
      // A file refused half-read is not drained: the connection closes after the answer.
      if (!req.complete) res.setHeader('Connection', 'close');
      throw e;
    }
  }

  @Get(':importId')
  @Scopes('any')
  @ApiOperation({ summary: 'Progress of an import: figures, the first 1,000 rejected rows, completed once counted' })
  @ApiOkResponse({ type: ImportStatusDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async status(@Param('importId') importId: string): Promise<ImportStatusDto> {
    if (!UUID.test(importId)) throw ApiError.notFound('no such import');
    return (await this.imports.status(importId)) as ImportStatusDto;
  }
}
