import { HttpException, HttpStatus } from '@nestjs/common';

export interface ProblemDetail { path: string; problem: string }

/** An error answer lists at most this many problems. */
export const MAX_DETAILS = 1000;

/** Domain errors carry their HTTP status and, for validation, one detail per problem. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    message: string,
    readonly details?: ProblemDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }

  /**
   * 400 listing at most MAX_DETAILS problems, then one saying how many more (docs/http-contract.md
   * "Errors"); `total` counts every problem found, also those past the listed ones.
   */
  static validation(details: ProblemDetail[], total = details.length): ApiError {
    const listed = details.slice(0, MAX_DETAILS);
    const more = total - listed.length;
    if (more > 0) listed.push({ path: '', problem: `${more.toLocaleString('en-GB')} more problems not listed` });
    return new ApiError(HttpStatus.BAD_REQUEST, `${total} validation problem${total === 1 ? '' : 's'}`, listed);
  }

  static unavailable(what: string, retryAfterSeconds = 5): ApiError {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, `${what} cannot take work now; retry later`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }

  static notFound(message: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, message);
  }

  static conflict(message: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, message);
  }
}
