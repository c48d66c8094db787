import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_DEAD_LETTERS_LISTED = 1000;

export class DeadLetterQueryDto {
  /** How many to list, newest first (1–1000, default 100). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_DEAD_LETTERS_LISTED) limit?: number;
}
