import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { ApiError } from './api-error';
import { isUnavailableError } from './unavailable';

/** Every error leaves as { statusCode, error, message, details? }; unknown errors are 500, never 400. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const { status, message, details, headers } = this.describe(exception);
    if (status >= 500) {
      // Error messages here come from our code or drivers, never from request bodies.
      this.logger.error({ reqId: req.id, err: exception instanceof Error ? exception.message : String(exception) }, 'request failed');
    }
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json({
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message,
      ...(details ? { details } : {}),
      ...(req.id ? { requestId: req.id } : {}),
    });
  }

  private describe(e: unknown) {
    // body-parser's size error (Nest maps its JSON syntax errors to a 400 itself)
    if ((e as { type?: string })?.type === 'entity.too.large') {
      return { status: 413, message: 'request body is over the size limit', details: undefined, headers: {} };
    }
    if (e instanceof ApiError) {
      return { status: e.getStatus(), message: e.message, details: e.details, headers: e.headers };
    }
    if (e instanceof HttpException) {
      return { status: e.getStatus(), message: httpMessage(e), details: undefined, headers: {} };
    }
    if (isUnavailableError(e)) {
      return { status: 503, message: 'database or queue unavailable; retry later', details: undefined, headers: { 'Retry-After': '5' } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error', details: undefined, headers: {} };
  }
}

function httpMessage(e: HttpException): string {
  const body = e.getResponse();
  if (typeof body === 'string') return body;
  const msg = (body as { message?: unknown }).message;
  return Array.isArray(msg) ? msg.join('; ') : typeof msg === 'string' ? msg : e.message;
}
