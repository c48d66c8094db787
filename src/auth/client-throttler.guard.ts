import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { AuthenticatedRequest } from './api-key.guard';

/**
 * RATE_LIMIT_PER_MINUTE per client, one bucket per client across all routes and API processes. Two
 * guards share the store (Redis, redis-throttler.storage.ts): by address before authentication (so 401s and 403s are limited too) and by key
 * after it (so one key is one client however its header is spelt, from any address).
 */
abstract class ClientThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return createHash('sha256').update(`${throttler}-${tracker}`).digest('hex');
  }
}

/** Runs before ApiKeyGuard. The address is express's `req.ip` (honours TRUST_PROXY; IPv6 by /64). */
@Injectable()
export class AddressThrottlerGuard extends ClientThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `ip:${req.ip ? await super.getTracker(req) : 'unknown'}`;
  }
}

/** Runs after ApiKeyGuard, for requests that it let through with a key. */
@Injectable()
export class KeyThrottlerGuard extends ClientThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<AuthenticatedRequest>().apiClient;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `key:${(req as { apiClient?: { id: string } }).apiClient!.id}`;
  }
}
