import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { IsInstant, IsSlug, IsStorableText } from '../../common/validation/domain-validators';

export const CATEGORIES = [
  'simple_transaction', 'registered_service', 'facilitated_service', 'advocacy_service', 'information_provision',
] as const;
export const OUTCOMES = ['resolved', 'handed_off', 'escalated', 'follow_up', 'callback', 'abandoned'] as const;
export const MAX_BATCH_ITEMS = 10_000;

/** One customer contact through one channel (docs/definitions.md "Contact events"). */
export class ContactEventDto {
  /** The source system's own id for the contact; (source, id) is unique. */
  @IsString() @IsStorableText() @Length(1, 128) id: string;
  /** Sending system; default `api`. */
  @IsOptional() @IsSlug() source?: string;
  /** ISO 8601 instant with offset. */
  @IsInstant() occurredAt: string;
  /** A channel from config/channels.json, e.g. `telephony`. */
  @IsString() @IsStorableText() channel: string;
  /** Defaults from the channel; a handling the channel does not allow is an error. */
  @IsOptional() @IsIn(['self_service', 'assisted']) handling?: 'self_service' | 'assisted';
  /** A contact centre from config/centres.json. */
  @IsOptional() @IsString() @IsStorableText() centre?: string;
  /** What the contact was about, a slug such as `blue_badge`. */
  @IsOptional() @IsSlug() service?: string;
  @IsOptional() @IsIn(CATEGORIES) category?: (typeof CATEGORIES)[number];
  @IsOptional() @IsIn(OUTCOMES) outcome?: (typeof OUTCOMES)[number];
  /** Centre receiving a hand-off; only with `outcome: handed_off`. */
  @IsOptional() @IsString() @IsStorableText() handedOffTo?: string;
  /** Queue wait in whole seconds. */
  @IsOptional() @IsInt() @Min(0) @Max(2_147_483_647) waitSeconds?: number;
  /** Handling time in whole seconds. */
  @IsOptional() @IsInt() @Min(0) @Max(2_147_483_647) durationSeconds?: number;
  /** Post-contact survey score 1–5. */
  @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  /** The customer's case reference: pseudonymised on arrival, never stored as sent. */
  @IsOptional() @IsString() @IsStorableText() @Length(1, 256) caseRef?: string;
}

export class ContactBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS)
  @ValidateNested({ each: true }) @Type(() => ContactEventDto)
  events: ContactEventDto[];
}
