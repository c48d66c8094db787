import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Env } from '../config/env';
import { ApiError } from '../common/http/api-error';
import { parseApiKeys, Scope, SCOPES_KEY } from './scopes';

/** Bearer API keys with scopes; admin may do everything. Open (with a start-up warning) when API_KEYS is unset. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Array<[Buffer, Set<Scope>]>;

  constructor(
    private readonly reflector: Reflector,
    env: Env,
  ) {
    this.keys = [...parseApiKeys(env.API_KEYS)].map(([k, s]) => [Buffer.from(k), s]);
  }

  get open(): boolean {
    return this.keys.length === 0;
  }

  canActivate(context: ExecutionContext): boolean {
    const needed = this.reflector.getAllAndOverride<Array<Scope | 'any'>>(SCOPES_KEY, [context.getHandler(), context.getClass()]);
    if (!needed || this.open) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const scopes = match ? this.scopesOf(match[1]) : undefined;
    if (!scopes) throw new ApiError(HttpStatus.UNAUTHORIZED, 'a valid API key is required: Authorization: Bearer <key>');
    if (scopes.has('admin') || needed.includes('any') || needed.some((s) => scopes.has(s as Scope))) return true;
    throw new ApiError(HttpStatus.FORBIDDEN, `this API key lacks the scope needed here (${needed.join(' or ')})`);
  }

  private scopesOf(key: string): Set<Scope> | undefined {
    const given = Buffer.from(key);
    return this.keys.find(([k]) => k.length === given.length && timingSafeEqual(k, given))?.[1];
  }
}
