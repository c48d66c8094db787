import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { ApiError } from '../common/http/api-error';
import { checkMediaType, declaredLength, decoderFor } from '../common/http/body-headers';
import type { ImportFormat } from './import-kinds';

/** The media types a file of each format may be sent as; `text/plain` for tools that know no better. */
const MEDIA_TYPES: Record<ImportFormat, readonly string[]> = {
  csv: ['text/csv', 'application/csv', 'text/plain'],
  ndjson: ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain'],
  'amazon-connect': ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain'],
};

export function tooLarge(limit: number): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `the file is larger than ${limit.toLocaleString('en-GB')} bytes`);
}

/**
 * The uploaded file as a stream, refused before a byte is read when its declared length is over
 * the limit (413) or its type, charset or encoding is not one we read (415); cut off with 413 at
 * the limit, counted after decompression, when it was sent chunked or compressed.
 */
export function uploadStream(req: IncomingMessage, format: ImportFormat, limit: number): Readable {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  const allowed = MEDIA_TYPES[format];
  checkMediaType(req.headers['content-type'], (type) => allowed.includes(type), `${allowed.join(', ')} for format ${format}`, 'files');
  const { encoding, decoder } = decoderFor(req);
  if (declared === 0) throw new ApiError(HttpStatus.BAD_REQUEST, 'the request body is empty: send the file as the body');
  const limiter = byteLimit(limit);
  const source = decoder ? req.pipe(decoder()) : req;
  req.on('error', (e) => limiter.destroy(e));
  if (decoder) source.on('error', () => limiter.destroy(new ApiError(HttpStatus.BAD_REQUEST, `the body is not valid ${encoding} data`)));
  return source.pipe(limiter);
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
