import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Semaphore } from 'async-mutex';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { Env } from '../../config/env';
import { readJsonBody } from './json-body';

/**
 * Reads the JSON body of a route that takes one (a `@Body()` parameter), and of no other route.
 *
 * Why an interceptor and not express middleware: Nest runs middleware before guards, and a body
 * must not be read before the caller is authenticated, its scope checked and its rate limit
 * counted. Interceptors run after the guards and before the pipes that hand `@Body()` over.
 *
 * Parsed JSON takes a few times its size in heap (10 MB of `[1,1,…]` is ~40 MB), so parsed
 * bodies share a budget of BODY_LIMIT_BYTES raw bytes, held until the answer is sent: concurrent
 * large bodies wait their turn as raw buffers (outside the heap) instead of all living on it.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly budget: Semaphore;

  constructor(private readonly env: Env) {
    this.budget = new Semaphore(env.BODY_LIMIT_BYTES);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !takesBody(context)) return next.handle();
    const http = context.switchToHttp();
    return from(this.read(http.getRequest<Request>(), http.getResponse<Response>())).pipe(switchMap(() => next.handle()));
  }

  private async read(req: Request, res: Response): Promise<void> {
    if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
    const limit = this.env.BODY_LIMIT_BYTES;
    try {
      // Buffers live outside the heap; the budget is taken once the bytes are in, before parsing.
      req.body = await readJsonBody(req, limit, async (bytes) => {
        const [, release] = await this.budget.acquire(Math.min(Math.max(bytes, 1), limit));
        if (res.closed) release();
        else res.once('close', release);
      });
    } catch (e) {
      // A body refused half-read (413, bad encoding) is not drained: the connection closes after the answer.
      if (!req.complete) res.setHeader('Connection', 'close');
      throw e;
    }
  }
}

/** Whether the route's handler has a `@Body()` parameter. */
function takesBody(context: ExecutionContext): boolean {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) as Record<string, unknown> | undefined;
  return Object.keys(args ?? {}).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`));
}
