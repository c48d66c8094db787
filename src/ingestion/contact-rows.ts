import { isOutOfHoursAt } from '../centres/opening-hours';
import type { ReferenceConfig } from '../config/reference-config';
import { utcText } from '../common/validation/domain-validators';
import { copyValue } from '../database/sql';
import { localPartsOf } from '../periods/london-time';
import type { Pseudonymiser } from '../privacy/pseudonymiser';
import type { QueuedContacts } from '../queue/queue-registry';
import type { ContactEventDto } from './dto/contact-event.dto';

/**
 * Validated contacts in the form the worker COPYs, one line each in CONTACT_ROW_COLUMNS order
 * (database/contact-columns.ts; written out by hand for speed, checked by contact-rows.spec.ts):
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
    const utc = utcText(e.occurredAt, at);
    const local = localPartsOf(at);
    linked ||= e.caseRef !== undefined && e.service !== undefined;
    lines[i] =
      `${copyValue(e.source ?? 'api')}\t${copyValue(e.id)}\t${utc}\t${local.date}\t${e.channel}\t` +
      `${e.handling ?? config.defaultHandling(e.channel)!}\t${copyValue(e.centre)}\t${copyValue(e.service)}\t` +
      `${copyValue(e.category)}\t${copyValue(e.outcome)}\t${copyValue(e.handedOffTo)}\t${copyValue(e.waitSeconds)}\t` +
      `${copyValue(e.durationSeconds)}\t${copyValue(e.satisfaction)}\t` +
      `${e.caseRef === undefined ? '\\N' : pseudonymiser.pseudonymise(e.caseRef)}\t` +
      (isOutOfHoursAt(local, config.hoursOf(e.centre), config.bankHolidays) ? 't' : 'f');
  }
  return { count: events.length, linked, rows: lines.join('\n') + '\n' };
}
