import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { Transform } from 'node:stream';
import getRawBody from 'raw-body';
import { ApiError } from './api-error';
import { checkMediaType, declaredLength, decoderFor } from './body-headers';

/** Request bodies are a few levels deep ({ events: [ { … } ] }); anything deeper is not ours. */
export const MAX_JSON_DEPTH = 32;
/**
 * Objects and arrays in one body: 10 per item of a full batch. A parsed object costs ~70 bytes of
 * heap, so 10 MB of `[{},{},…]` (3.5 million objects) would take ~250 MB: counted before parsing.
 */
export const MAX_JSON_CONTAINERS = 100_000;

/**
 * Reads a JSON request body of at most `limit` bytes after decompression, and at most `limit`
 * bytes on the wire. Refuses, before reading anything: a declared length over the limit (413),
 * a content type other than JSON, a charset other than UTF-8 and an unknown content encoding
 * (415). Errors never quote the body: it may hold case references. `beforeParse` may hold the
 * parse back (a memory budget) once the bytes are in.
 */
export async function readJsonBody(req: IncomingMessage, limit: number, beforeParse?: (bytes: number) => Promise<void>): Promise<unknown> {
  const declared = declaredLength(req);
  if (declared === 0) return undefined;
  if (declared !== undefined && declared > limit) throw tooLarge(limit);
  checkMediaType(req.headers['content-type'], isJson, 'application/json', 'JSON bodies');
  const { decoder } = decoderFor(req);
  const raw = await readAtMost(req, limit, decoder?.());
  if (containersOver(raw, MAX_JSON_CONTAINERS)) {
    throw new ApiError(HttpStatus.BAD_REQUEST, `request body holds more than ${MAX_JSON_CONTAINERS.toLocaleString('en-GB')} JSON objects and arrays`);
  }
  if (!isUtf8(raw)) throw new ApiError(HttpStatus.BAD_REQUEST, 'request body is not valid UTF-8');
  const text = raw.toString('utf8');
  if (!text.trim()) return undefined;
  await beforeParse?.(raw.length);
  const body = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (depthOver(body, MAX_JSON_DEPTH)) {
    throw new ApiError(HttpStatus.BAD_REQUEST, `request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return body;
}

const isJson = (type: string) => type === 'application/json' || /^application\/[^/]+\+json$/.test(type);

/** The body, decoded, cut off with 413 as soon as either side passes the limit (zip bombs included). */
async function readAtMost(req: IncomingMessage, limit: number, decoder?: Transform): Promise<Buffer> {
  if (!decoder) return getRawBody(req, { limit, length: req.headers['content-length'] }).catch(rethrow(limit));
  let wire = 0;
  const countWire = (chunk: Buffer) => {
    wire += chunk.length;
    if (wire > limit) decoder.destroy(tooLarge(limit));
  };
  req.on('data', countWire);
  req.pipe(decoder);
  try {
    return await getRawBody(decoder, { limit }).catch(rethrow(limit));
  } finally {
    req.off('data', countWire);
    req.unpipe(decoder);
    decoder.destroy();
  }
}

function rethrow(limit: number) {
  return (e: { type?: string; code?: string }): never => {
    if (e instanceof ApiError) throw e;
    if (e.type === 'entity.too.large') throw tooLarge(limit);
    if (e.code?.startsWith('Z_') || e.code?.startsWith('ERR_BROTLI') || e.code?.startsWith('ERR__ERROR_FORMAT')) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'request body is not valid for its Content-Encoding');
    }
    if (e.type === 'request.aborted' || e.type === 'request.size.invalid') {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'request body ended before its Content-Length');
    }
    throw e;
  };
}

function tooLarge(limit: number): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, `request body is over the size limit of ${limit} bytes`);
}

/** Names where JSON.parse stopped, never what it read there. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new ApiError(HttpStatus.BAD_REQUEST, `request body is not valid JSON${at ? ` (at position ${at})` : ''}`);
  }
}

/** Counts `{` and `[` bytes, strings included (an over-count only errs on the safe side); memchr-fast. */
function containersOver(raw: Buffer, max: number): boolean {
  let n = 0;
  for (const opener of [0x7b, 0x5b]) {
    for (let i = raw.indexOf(opener); i !== -1; i = raw.indexOf(opener, i + 1)) if (++n > max) return true;
  }
  return false;
}

/** Iterative, so that the check itself cannot overflow the stack. */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
