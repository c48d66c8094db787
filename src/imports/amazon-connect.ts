import { OUTCOMES } from '../ingestion/dto/contact-event.dto';

/**
 * Amazon Connect contact records (CTRs) → contacts, exactly as docs/http-contract.md "Importing
 * files" states. Only the fields used here are read; everything else in a record is ignored.
 */
export type CtrResult =
  | { contact: Record<string, unknown> }
  | { skip: string }
  | { problem: string };

const CUSTOMER_METHODS = new Set(['INBOUND', 'CALLBACK', 'API']);

export function contactFromCtr(record: Record<string, unknown>, queues: Readonly<Record<string, string>>, source = 'amazon_connect'): CtrResult {
  const method = record.InitiationMethod;
  if (typeof method !== 'string') return { problem: 'InitiationMethod: missing' };
  if (!CUSTOMER_METHODS.has(method)) return { skip: `InitiationMethod ${method} is not a customer contact` };
  const channel = record.Channel;
  if (channel === 'TASK') return { skip: 'Channel TASK is not a customer contact' };
  const queue = present(record.Queue) ? asObject(record.Queue) : undefined;
  const agent = present(record.Agent) ? asObject(record.Agent) : undefined;
  const attributes = asObject(record.Attributes);
  const mapped = channelOf(channel, queue !== undefined || agent !== undefined);
  if (!mapped) return { problem: 'Channel: must be VOICE, CHAT, EMAIL or TASK' };
  const contact: Record<string, unknown> = {
    id: record.ContactId,
    source,
    occurredAt: record.InitiationTimestamp,
    channel: mapped.channel,
    handling: mapped.handling,
  };
  const outcome = queue && !agent ? 'abandoned' : outcomeOf(attributes.outcome) ?? (mapped.channel === 'chatbot' ? 'resolved' : undefined);
  set(contact, 'outcome', outcome);
  if (queue) set(contact, 'waitSeconds', queue.Duration);
  if (agent) contact.durationSeconds = part(agent.AgentInteractionDuration) + part(agent.CustomerHoldDuration) + part(agent.AfterContactWorkDuration);
  const queueName = typeof queue?.Name === 'string' ? queue.Name : undefined;
  set(contact, 'centre', (queueName !== undefined && Object.prototype.hasOwnProperty.call(queues, queueName) ? queues[queueName] : undefined) ?? attributes.centre);
  set(contact, 'service', attributes.service);
  set(contact, 'caseRef', attributes.caseRef);
  set(contact, 'satisfaction', satisfactionOf(attributes.satisfaction));
  return { contact };
}

function channelOf(channel: unknown, routed: boolean): { channel: string; handling: 'assisted' | 'self_service' } | undefined {
  if (channel === 'VOICE') return routed ? { channel: 'telephony', handling: 'assisted' } : { channel: 'switchboard', handling: 'self_service' };
  if (channel === 'CHAT') return routed ? { channel: 'webchat', handling: 'assisted' } : { channel: 'chatbot', handling: 'self_service' };
  if (channel === 'EMAIL') return { channel: 'email', handling: 'assisted' };
  return undefined;
}

function outcomeOf(v: unknown): string | undefined {
  return typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v) ? v : undefined;
}

/** Attribute values are strings ("4"); a score outside 1–5 or not a whole number is no response. */
function satisfactionOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

/** A missing duration part counts 0; one of the wrong type is kept, for the validator to refuse. */
function part(v: unknown): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : NaN;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function set(o: Record<string, unknown>, key: string, v: unknown): void {
  if (v !== undefined && v !== null) o[key] = v;
}
