import { applyDecorators, Get, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { Scopes } from '../auth/scopes';

/**
 * A statistics GET (docs/http-contract.md "Statistics"): read scope, its answer's schema, and
 * JSON or CSV (`?format=csv` or `Accept: text/csv`; see respond.ts). Without `csv`, JSON only.
 */
export function StatsEndpoint(path: string, summary: string, type: Type<unknown>, csv = 'one row per item'): MethodDecorator {
  return applyDecorators(
    Get(path),
    Scopes('read'),
    ApiOperation({ summary }),
    ApiOkResponse({ type, description: csv ? `JSON; CSV (${csv}) for ?format=csv or Accept: text/csv` : 'JSON' }),
    ApiProduces(...(csv ? ['application/json', 'text/csv'] : ['application/json'])),
  );
}
