import { utcText } from '../common/validation/domain-validators';
import { copyValue } from '../database/sql';
import { localDateOf } from '../periods/london-time';
import type { Pseudonymiser } from '../privacy/pseudonymiser';
import type { QueuedConversations } from '../queue/queue-registry';
import { TierRules, tierOf } from '../tiers/tier-rules';
import type { ConversationEventDto } from './dto/conversation-event.dto';

/**
 * Validated conversation events in the form the worker COPYs, one line each in
 * CONVERSATION_ROW_COLUMNS order: tier derived from config/tiers.json, local date derived, case
 * reference pseudonymised (once per case of the request: a case's events often come together).
 */
export function renderConversationRows(
  rules: TierRules,
  pseudonymiser: Pseudonymiser,
  events: ConversationEventDto[],
): Omit<QueuedConversations, 'batchId'> {
  const pseudonyms = new Map<string, string>();
  const lines = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const at = new Date(e.occurredAt);
    let caseRef = pseudonyms.get(e.caseRef);
    if (caseRef === undefined) pseudonyms.set(e.caseRef, (caseRef = pseudonymiser.pseudonymise(e.caseRef)));
    const safeguarding = e.safeguarding ?? false;
    const tier = tierOf(rules, { conversation: e.conversation, completedBy: e.completedBy, outcome: e.outcome, safeguarding });
    lines[i] =
      `${copyValue(e.source ?? 'api')}\t${copyValue(e.id)}\t${utcText(e.occurredAt, at)}\t${localDateOf(at)}\t${caseRef}\t` +
      `${e.conversation}\t${e.completedBy}\t${copyValue(e.outcome)}\t${safeguarding ? 't' : 'f'}\t${tier}`;
  }
  return { count: events.length, rows: lines.join('\n') + '\n' };
}
