import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested,
} from 'class-validator';
import { IsInstant, IsSlug, IsStorableText } from '../../common/validation/domain-validators';
import {
  COMPLETED_BY, CompletedBy, Conversation, CONVERSATION_OUTCOMES, CONVERSATIONS, ConversationOutcome,
} from '../../tiers/tier-rules';
import { MAX_BATCH_ITEMS } from './contact-event.dto';

/**
 * One completed 3 Conversations conversation for a case (docs/definitions.md "3 Conversations tiers").
 * The tier is derived from these fields; a client may not send one.
 */
export class ConversationEventDto {
  /** The source system's own id for the event; (source, id) is unique among conversation events. */
  @IsString() @IsStorableText() @Length(1, 128) id: string;
  /** Sending system; default `api`. */
  @IsOptional() @IsSlug() source?: string;
  /** The customer's case reference: pseudonymised on arrival, never stored as sent. */
  @IsString() @IsStorableText() @Length(1, 256) caseRef: string;
  /** ISO 8601 instant with offset. */
  @IsInstant() occurredAt: string;
  /** 0, 1, 2 or 3. */
  @IsIn(CONVERSATIONS) conversation: Conversation;
  /** Who completed it; config/tiers.json lists the pairings allowed. */
  @IsIn(COMPLETED_BY) completedBy: CompletedBy;
  @IsOptional() @IsIn(CONVERSATION_OUTCOMES) outcome?: ConversationOutcome;
  /** Raises the tier to at least 3; default false. */
  @IsOptional() @IsBoolean() safeguarding?: boolean;
}

export class ConversationBatchDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BATCH_ITEMS)
  @ValidateNested({ each: true }) @Type(() => ConversationEventDto)
  events: ConversationEventDto[];
}
