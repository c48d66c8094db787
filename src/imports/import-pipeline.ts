import { ApiError, ProblemDetail } from '../common/http/api-error';
import { validateBatch } from '../common/validation/batch-validator';
import type { ReferenceConfig } from '../config/reference-config';
import { MAX_BATCH_ITEMS } from '../ingestion/dto/contact-event.dto';
import { contactFromCtr } from './amazon-connect';
import type { ImportFormat, KindDefinition } from './import-kinds';
import { ImportMapping, mapRecord } from './import-mapping';
import type { RawRow } from './row-reader';

/** What one send of a batch came to: queued, refused item by item (400), or too large (413). */
export type SendResult = { batchId: string } | { invalid: ProblemDetail[] } | { tooLarge: true };

/** What a queued batch came to once written; `failed` when it was dead-lettered instead. */
export interface BatchOutcome { inserted: number; duplicates: number; failed?: boolean }

/** Where good rows go: the HTTP API for the command line, the ingestion service in-process for an upload. */
export interface ImportSink {
  send(items: object[]): Promise<SendResult>;
  /** The batch's outcome once it is written, undefined while it waits or runs. */
  outcome(batchId: string): Promise<BatchOutcome | undefined>;
}

export interface ImportObserver {
  rejected?(row: number, problem: string, cells: string[]): void | Promise<void>;
  skipped?(row: number, reason: string): void | Promise<void>;
  batchQueued?(batchId: string, tally: ImportTally): void | Promise<void>;
}

export interface ImportTally {
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
  /** skipped rows by reason */
  skippedBy: Record<string, number>;
  batchIds: string[];
  /** of the batches written so far: contacts new to the service (volumes: items written), rows already counted, batches dead-lettered */
  counted: number;
  duplicates: number;
  failedBatches: number;
  /** queued batches not yet known to be written, oldest first */
  outstanding: string[];
}

export interface ImportOptions {
  kind: KindDefinition;
  format: ImportFormat;
  mapping: ImportMapping;
  config: ReferenceConfig;
  /** rows without a source get this one; Amazon Connect records always do (default amazon_connect) */
  source?: string;
  batchSize?: number;
  /** batches in flight at once */
  concurrency?: number;
  /** batches queued and not yet written before the reading waits for the oldest (default 8) */
  window?: number;
}

interface Pending { items: object[]; rows: number[]; cells: string[][] }

/**
 * The one row pipeline of `npm run import` and `POST /v1/imports`: read → map → validate with the
 * API's own DTO and rules → batch → send. Rows are pulled one at a time and at most
 * `concurrency` batches are in flight, so memory stays flat and a slow service slows the reading.
 */
export async function runImport(rows: AsyncIterable<RawRow>, o: ImportOptions, sink: ImportSink, observer: ImportObserver = {}, tally = newTally()): Promise<ImportTally> {
  const toItem = itemMaker(o);
  const problemsOf = itemValidator(o.kind, o.config);
  const size = Math.min(o.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  const inFlight = new Set<Promise<void>>();
  let pending: Pending = { items: [], rows: [], cells: [] };
  let failure: { error: unknown } | undefined;
  const reject = async (row: number, problem: string, cells: string[]) => {
    tally.rejected++;
    await observer.rejected?.(row, problem, cells);
  };
  const skip = async (row: number, reason: string) => {
    tally.skipped++;
    tally.skippedBy[reason] = (tally.skippedBy[reason] ?? 0) + 1;
    await observer.skipped?.(row, reason);
  };
  const flush = async () => {
    const batch = pending;
    pending = { items: [], rows: [], cells: [] };
    while (inFlight.size >= (o.concurrency ?? 2)) await Promise.race(inFlight);
    if (failure) throw failure.error;
    // Back-pressure from the writing, not only the accepting: the queue is never flooded, and a
    // full queue's Retry-After (seconds of idle worker) is seldom met.
    await settleOldest(sink, tally, (o.window ?? 8) - 1);
    // A failed send is kept and thrown here, not left as an unhandled rejection while reading goes on.
    const sending: Promise<void> = sendBatch(batch, sink, tally, observer, reject)
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };
  for await (const raw of rows) {
    tally.read++;
    if (raw.problem !== undefined) {
      await reject(raw.row, raw.problem, raw.cells);
      continue;
    }
    if (raw.empty) {
      await skip(raw.row, 'empty row');
      continue;
    }
    const made = toItem(raw.record!);
    if ('skip' in made) {
      await skip(raw.row, made.skip);
      continue;
    }
    const problem = 'problem' in made ? made.problem : problemsOf(made.item, made.problems);
    if (problem !== undefined) {
      await reject(raw.row, problem, raw.cells);
      continue;
    }
    pending.items.push((made as { item: object }).item);
    pending.rows.push(raw.row);
    pending.cells.push(raw.cells);
    if (pending.items.length >= size) await flush();
  }
  if (pending.items.length) await flush();
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return tally;
}

/** Waits until at most `keep` of the queued batches are not yet written, adding up the outcomes of those that are. */
export async function settleOldest(sink: ImportSink, tally: ImportTally, keep: number, pollMs = 100): Promise<void> {
  while (tally.outstanding.length > keep) {
    const oldest = tally.outstanding[0];
    const outcome = await sink.outcome(oldest);
    if (!outcome) {
      await new Promise((r) => setTimeout(r, pollMs));
      continue;
    }
    if (tally.outstanding[0] !== oldest) continue; // settled meanwhile by the other batch in flight
    tally.outstanding.shift();
    if (outcome.failed) tally.failedBatches++;
    tally.counted += outcome.inserted;
    tally.duplicates += outcome.duplicates;
  }
}

export function newTally(): ImportTally {
  return { read: 0, accepted: 0, rejected: 0, skipped: 0, skippedBy: {}, batchIds: [], counted: 0, duplicates: 0, failedBatches: 0, outstanding: [] };
}

/**
 * Sends a batch. A 400 means the service judged some rows otherwise than we did (its config/
 * differs from ours): those rows are rejected with its words and the rest sent again. A 413
 * halves the batch.
 */
async function sendBatch(
  batch: Pending,
  sink: ImportSink,
  tally: ImportTally,
  observer: ImportObserver,
  reject: (row: number, problem: string, cells: string[]) => Promise<void>,
): Promise<void> {
  if (!batch.items.length) return;
  const result = await sink.send(batch.items);
  if ('batchId' in result) {
    tally.accepted += batch.items.length;
    tally.batchIds.push(result.batchId);
    tally.outstanding.push(result.batchId);
    await observer.batchQueued?.(result.batchId, tally);
    return;
  }
  if ('tooLarge' in result) {
    if (batch.items.length === 1) return reject(batch.rows[0], 'too large for one request', batch.cells[0]);
    const half = Math.ceil(batch.items.length / 2);
    await sendBatch(slice(batch, 0, half), sink, tally, observer, reject);
    return sendBatch(slice(batch, half, batch.items.length), sink, tally, observer, reject);
  }
  const byIndex = problemsByIndex(result.invalid);
  if (!byIndex.size) throw new Error(`the service refused a batch as a whole: ${result.invalid.map((d) => d.problem).join('; ')}`);
  const kept: Pending = { items: [], rows: [], cells: [] };
  for (let i = 0; i < batch.items.length; i++) {
    const problems = byIndex.get(i);
    if (problems) await reject(batch.rows[i], problems.join('; '), batch.cells[i]);
    else {
      kept.items.push(batch.items[i]);
      kept.rows.push(batch.rows[i]);
      kept.cells.push(batch.cells[i]);
    }
  }
  return sendBatch(kept, sink, tally, observer, reject);
}

function slice(b: Pending, from: number, to: number): Pending {
  return { items: b.items.slice(from, to), rows: b.rows.slice(from, to), cells: b.cells.slice(from, to) };
}

const ITEM_PATH = /^(?:events|volumes)\[(\d+)\]\.?(.*)$/;

function problemsByIndex(details: ProblemDetail[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of details) {
    const m = ITEM_PATH.exec(d.path);
    if (!m) continue;
    const list = out.get(Number(m[1])) ?? out.set(Number(m[1]), []).get(Number(m[1]))!;
    list.push(m[2] ? `${m[2]}: ${d.problem}` : d.problem);
  }
  return out;
}

type Made = { item: Record<string, unknown>; problems?: string[] } | { skip: string } | { problem: string };

function itemMaker(o: ImportOptions): (record: Record<string, unknown>) => Made {
  if (o.format === 'amazon-connect') {
    if (o.kind.kind !== 'contacts') throw new Error('Amazon Connect records are contacts: use the contacts kind');
    return (record) => {
      const r = contactFromCtr(record, o.mapping.queues, o.source);
      return 'contact' in r ? { item: r.contact } : r;
    };
  }
  const fromText = o.format === 'csv';
  return (record) => {
    const problems: string[] = [];
    const item = mapRecord(record, o.mapping, o.kind.fieldTypes, fromText, problems);
    if (o.source !== undefined && item.source === undefined) item.source = o.source;
    return { item, problems };
  };
}

/**
 * The problems `POST /v1/<kind>` would answer for this one item, after those found while mapping
 * it (a date not of its pattern: the field is then absent, and not reported missing as well);
 * joined, or undefined when it is good.
 */
export function itemValidator(kind: KindDefinition, config: ReferenceConfig): (item: object, mapped?: string[]) => string | undefined {
  const rules = kind.rules(config);
  return (item, mapped = []) => {
    try {
      validateBatch({ [kind.bodyKey]: [item] }, kind.bodyKey, kind.dto, 1, rules);
      return mapped.length ? mapped.join('; ') : undefined;
    } catch (e) {
      if (!(e instanceof ApiError) || !e.details) throw e;
      const fields = new Set(mapped.map((p) => p.slice(0, p.indexOf(':'))));
      const found = [...problemsByIndex(e.details).values()].flat().filter((p) => !fields.has(p.slice(0, p.indexOf(':'))));
      return [...mapped, ...found].join('; ');
    }
  };
}
