import { HttpStatus } from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ApiError } from './api-error';

/**
 * What a request says of its body before a byte of it is read: its length, media type, charset
 * and content encoding. Shared by the JSON body reader and the file upload, so both refuse the
 * same things the same way (415 for what we do not read).
 */

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Content-Length as a number; undefined when the body is chunked. */
export function declaredLength(req: IncomingMessage): number | undefined {
  if (req.headers['transfer-encoding'] !== undefined) return undefined;
  return Number(req.headers['content-length'] ?? 0);
}

/**
 * Refuses a Content-Type that is not `accepted` (415 `Content-Type must be <expected>`) or a
 * charset other than UTF-8 (415 naming `what` must be UTF-8).
 */
export function checkMediaType(header: string | undefined, accepted: (type: string) => boolean, expected: string, what: string): void {
  let type: string;
  let charset: string | undefined;
  try {
    const parsed = parseContentType(header ?? '');
    type = parsed.type;
    charset = parsed.parameters.charset?.toLowerCase();
  } catch {
    throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be ${expected}`);
  }
  if (!accepted(type)) throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be ${expected}`);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `unsupported charset: ${what} must be UTF-8`);
  }
}

/** The decompressor the Content-Encoding asks for; undefined for none; 415 for one we do not read. */
export function decoderFor(req: IncomingMessage): { encoding: string; decoder?: () => Transform } {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return { encoding };
  const decoder = DECODERS[encoding];
  if (!decoder) throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported Content-Encoding: use gzip, deflate, br or none');
  return { encoding, decoder };
}
