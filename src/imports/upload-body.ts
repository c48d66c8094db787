import { HttpStatus } from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import type { IncomingMessage } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ApiError } from '../common/http/api-error';
import type { ImportFormat } from './import-kinds';

/** The media types a file of each format may be sent as; `text/plain` for tools that know no better. */
const MEDIA_TYPES: Record<ImportFormat, readonly string[]> = {
  csv: ['text/csv', 'application/csv', 'text/plain'],
  ndjson: ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain'],
  'amazon-connect': ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain'],
};

const DECODERS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

export function tooLarge(limit: number): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `the file is larger than ${limit.toLocaleString('en-GB')} bytes`);
}

/**
 * The uploaded file as a stream, refused before a byte is read when its declared length is over
 * the limit (413) or its type, charset or encoding is not one we read (415); cut off with 413 at
 * the limit, counted after decompression, when it was sent chunked or compressed.
 */
export function uploadStream(req: IncomingMessage, format: ImportFormat, limit: number): Readable {
  const declared = req.headers['transfer-encoding'] === undefined ? Number(req.headers['content-length'] ?? 0) : undefined;
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  checkMediaType(req.headers['content-type'], format);
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = encoding === 'identity' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && !decoder) throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported Content-Encoding: use gzip, deflate, br or none');
  if (declared === 0) throw new ApiError(HttpStatus.BAD_REQUEST, 'the request body is empty: send the file as the body');
  const limiter = byteLimit(limit);
  const source = decoder ? req.pipe(decoder()) : req;
  req.on('error', (e) => limiter.destroy(e));
  if (decoder) source.on('error', () => limiter.destroy(new ApiError(HttpStatus.BAD_REQUEST, `the body is not valid ${encoding} data`)));
  return source.pipe(limiter);
}

function checkMediaType(header: string | undefined, format: ImportFormat): void {
  const allowed = MEDIA_TYPES[format];
  let type: string;
  let charset: string | undefined;
  try {
    const parsed = parseContentType(header ?? '');
    type = parsed.type;
    charset = parsed.parameters.charset?.toLowerCase();
  } catch {
    throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be ${allowed.join(', ')} for format ${format}`);
  }
  if (!allowed.includes(type)) throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be ${allowed.join(', ')} for format ${format}`);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported charset: files must be UTF-8');
  }
}

function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge(limit) : null, chunk);
    },
  });
}
