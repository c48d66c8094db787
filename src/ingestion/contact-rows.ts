import { isOutOfHours } from '../centres/opening-hours';
import type { ReferenceConfig } from '../config/reference-config';
import { copyValue } from '../database/sql';
import { localDateOf } from '../periods/london-time';
import type { Pseudonymiser } from '../privacy/pseudonymiser';
import type { QueuedContacts } from '../queue/queue-registry';
import type { ContactEventDto } from './dto/contact-event.dto';

/**
 * Validated contacts in the form the worker COPYs, one line each in CONTACT_ROW_COLUMNS order:
 * handling resolved, time as UTC, local date and out-of-hours derived, case reference
 * pseudonymised. The API renders them once, so the queue carries one string instead of ten
 * thousand objects and the worker only streams it to Postgres.
 */
export function renderContactRows(
  config: ReferenceConfig,
  pseudonymiser: Pseudonymiser,
  events: ContactEventDto[],
): Omit<QueuedContacts, 'batchId'> {
  const lines = new Array<string>(events.length);
  let linked = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const at = new Date(e.occurredAt);
    linked ||= e.caseRef !== undefined && e.service !== undefined;
    lines[i] = [
      copyValue(e.source ?? 'api'), copyValue(e.id), at.toISOString(), localDateOf(at), e.channel,
      e.handling ?? config.defaultHandling(e.channel)!, copyValue(e.centre), copyValue(e.service), copyValue(e.category),
      copyValue(e.outcome), copyValue(e.handedOffTo), copyValue(e.waitSeconds), copyValue(e.durationSeconds),
      copyValue(e.satisfaction), e.caseRef === undefined ? '\\N' : pseudonymiser.pseudonymise(e.caseRef),
      isOutOfHours(at, config.hoursOf(e.centre), config.bankHolidays) ? 't' : 'f',
    ].join('\t');
  }
  return { count: events.length, linked, rows: lines.join('\n') + '\n' };
}
