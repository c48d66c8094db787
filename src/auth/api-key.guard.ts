import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Env } from '../config/env';
import { ApiError } from '../common/http/api-error';
import { KeyGrant, parseKeyGrants, Scope, SCOPES_KEY } from './scopes';

/** The caller's key as the guard found it: `id` is a hash of the key (rate-limit buckets), never the key. */
export interface ApiClient extends KeyGrant {
  id: string;
}
export type AuthenticatedRequest = Request & { apiClient?: ApiClient };

/** Bearer API keys with scopes; admin may do everything. Open (with a start-up warning) when API_KEYS is unset. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<[Buffer, ApiClient]>;

  constructor(
    private readonly reflector: Reflector,
    env: Env,
  ) {
    this.keys = [...parseKeyGrants(env.API_KEYS)].map(([k, grant]) => [
      Buffer.from(k),
      { ...grant, id: createHash('sha256').update(k).digest('hex').slice(0, 32) },
    ]);
  }

  get open(): boolean {
    return this.keys.length === 0;
  }

  canActivate(context: ExecutionContext): boolean {
    const needed = this.reflector.getAllAndOverride<Array<Scope | 'any'>>(SCOPES_KEY, [context.getHandler(), context.getClass()]);
    if (!needed || this.open) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const client = match ? this.clientOf(match[1]) : undefined;
    if (!client) throw new ApiError(HttpStatus.UNAUTHORIZED, 'a valid API key is required: Authorization: Bearer <key>');
    req.apiClient = client;
    const { scopes } = client;
    if (scopes.has('admin') || needed.includes('any') || needed.some((s) => scopes.has(s as Scope))) return true;
    throw new ApiError(HttpStatus.FORBIDDEN, `this API key lacks the scope needed here (${needed.join(' or ')})`);
  }

  private clientOf(key: string): ApiClient | undefined {
    const given = Buffer.from(key);
    return this.keys.find(([k]) => k.length === given.length && timingSafeEqual(k, given))?.[1];
  }
}
