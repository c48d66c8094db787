import type { OpenAPIObject } from '@nestjs/swagger';

type Responses = Record<string, { description: string; content?: unknown }>;
type Operation = { responses?: Responses; requestBody?: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Refusals every /v1 call can meet, whatever its controller says. */
const EVERY_CALL: Record<string, string> = {
  '401': 'No key, or a key that is not valid (only when API_KEYS is set)',
  '403': 'The key is valid but its scope does not allow this call',
  '429': 'Too many requests from this address or key; Retry-After says when to try again',
};

/** Refusals of the body itself, for calls that take one (read after the checks above). */
const WITH_BODY: Record<string, string> = {
  '400': 'The body is not valid (malformed JSON or UTF-8, too deep, too many values, or fields that break the rules): the details name each field',
  '413': 'The body is larger than the limit (Content-Length, streamed, or after decompression)',
  '415': 'Content type, charset or content encoding not accepted (JSON in UTF-8; gzip, deflate or br)',
};

/**
 * Adds the refusals that guards and the body reader make for every route, so each operation in
 * /docs lists them without each controller repeating the same decorators. A response a
 * controller documents itself is kept as it is.
 */
export function documentCommonRefusals(doc: OpenAPIObject): OpenAPIObject {
  const errorBody = doc.components?.schemas?.ErrorDto ? { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } } : undefined;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const responses = (op.responses ??= {});
      const add = (refusals: Record<string, string>) => {
        for (const [status, description] of Object.entries(refusals)) {
          responses[status] ??= { description, ...(errorBody ? { content: errorBody } : {}) };
        }
      };
      add(EVERY_CALL);
      if (op.requestBody) add(WITH_BODY);
    }
  }
  return doc;
}
