import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/** Limits each client by its API key (hashed, never kept as sent), or by address when it sends none. */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const auth = (req.headers as Record<string, string | undefined>).authorization;
    if (auth) return `key:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}`;
    return `ip:${String(req.ip ?? 'unknown')}`;
  }
}
