import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { ApiError, MAX_DETAILS, ProblemDetail } from './api-error';
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
      message: bounded(message, MAX_MESSAGE),
      ...(details ? { details: capped(details) } : {}),
      ...(req.id ? { requestId: req.id } : {}),
    });
  }

  private describe(e: unknown) {
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

const MAX_MESSAGE = 500;
const MAX_DETAIL_TEXT = 200;

/**
 * Error answers stay small whatever the input: paths echo field names a client chose. Lists come
 * capped from ApiError.validation (its summary is the 1,001st entry); this bounds any other list too.
 */
function capped(details: ProblemDetail[]): ProblemDetail[] {
  return details.slice(0, MAX_DETAILS + 1).map((d) => ({ path: bounded(d.path, MAX_DETAIL_TEXT), problem: bounded(d.problem, MAX_DETAIL_TEXT) }));
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function httpMessage(e: HttpException): string {
  const body = e.getResponse();
  if (typeof body === 'string') return body;
  const msg = (body as { message?: unknown }).message;
  return Array.isArray(msg) ? msg.join('; ') : typeof msg === 'string' ? msg : e.message;
}
