import { HttpException, HttpStatus } from '@nestjs/common';

export interface ProblemDetail { path: string; problem: string }

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

  static validation(details: ProblemDetail[]): ApiError {
    const n = details.length;
    return new ApiError(HttpStatus.BAD_REQUEST, `${n} validation problem${n === 1 ? '' : 's'}`, details);
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
