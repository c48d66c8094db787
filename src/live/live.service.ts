import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { ReferenceConfig } from '../config/reference-config';
import { rows } from '../database/sql';
import { localDateOf } from '../periods/london-time';
import { CONTACTS_COUNTED_CHANNEL } from '../pipeline/counted-signal';
import { IngestionQueue } from '../queue/ingestion-queue';
import { aggregateRows } from '../stats/aggregate-query';
import { CHANNEL_COUNTS } from '../stats/metric-queries';
import { LiveToday, liveToday, sseEvent, todaySelect } from './live-today';

export const LISTEN_CONTACTS_COUNTED_SQL = `LISTEN ${CONTACTS_COUNTED_CHANNEL}`;

/** Every stream gets the figures at least this often (proxies drop a silent connection). */
export const LIVE_TICK_MS = 10_000;
/** Bursts of batches are read once per this much time, not once per batch. */
const MIN_REFRESH_GAP_MS = 200;
const RECONNECT_MS = 1_000;

/** An open stream: sent the figures and their event (formatted once for every stream), ended at shutdown. */
export interface Listener {
  send(today: LiveToday, event: string): void;
  end(): void;
}

/**
 * Today's figures, computed once per change and fanned out to every open stream of this process.
 * The change signal is Postgres NOTIFY (see pipeline/counted-signal.ts), so it crosses from a
 * worker process to the API; while the listening connection is down, each tick reads again.
 */
@Injectable()
export class LiveService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(LiveService.name);
  private readonly listeners = new Set<Listener>();
  private listener?: Client;
  private listening = false;
  private current?: LiveToday;
  private event?: string;
  private running?: Promise<void>;
  private dirty = false;
  private tick?: NodeJS.Timeout;
  private closed = false;
  /** Reads of today's figures from Postgres since start (the cost the fan-out keeps flat). */
  todayQueries = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly env: Env,
    private readonly config: ReferenceConfig,
    private readonly queue: IngestionQueue,
  ) {}

  onModuleInit(): void {
    this.tick = setInterval(() => void this.onTick(), LIVE_TICK_MS);
    this.tick.unref();
    void this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearInterval(this.tick);
    // Open streams would otherwise hold the HTTP server's close open for ever.
    for (const l of this.listeners) l.end();
    this.listeners.clear();
    await this.listener?.end().catch(() => undefined);
  }

  /** Calls `listener` with the figures now and on every change; answers how to stop. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    // The first read's publish reaches the new listener too; otherwise it gets the figures as they are.
    if (this.current && this.event) listener.send(this.current, this.event);
    else await (this.running ?? this.refresh());
    return () => this.listeners.delete(listener);
  }

  get streams(): number {
    return this.listeners.size;
  }

  /** One read at a time; a change during a read makes exactly one more read after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = this.read()
      .catch((e: Error) => this.log.warn(`today's figures not read: ${e.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.dirty && !this.closed) {
          this.dirty = false;
          setTimeout(() => void this.refresh(), MIN_REFRESH_GAP_MS).unref();
        }
      });
    return this.running;
  }

  private async read(): Promise<void> {
    const date = localDateOf(new Date());
    const { sql, params } = todaySelect(date);
    this.todayQueries++;
    const [counted, waiting] = await Promise.all([
      rows<Record<string, string | null>>(this.ds, sql, params).then((r) => aggregateRows(CHANNEL_COUNTS, r)),
      this.waiting(),
    ]);
    this.publish(liveToday(this.config, date, counted, waiting, new Date()));
  }

  /** The queue's depth; the last known one while Redis does not answer. */
  private async waiting(): Promise<number> {
    return this.queue.status().then((s) => s.waiting, () => this.current?.waiting ?? 0);
  }

  private publish(today: LiveToday): void {
    this.current = today;
    const event = (this.event = sseEvent(today));
    for (const l of [...this.listeners]) l.send(today, event);
  }

  /** The queue depth moves without a batch being counted; the date moves at midnight. */
  private async onTick(): Promise<void> {
    if (!this.current || !this.listening || this.current.date !== localDateOf(new Date())) return this.refresh();
    const waiting = await this.waiting();
    this.publish({ ...this.current, waiting, updatedAt: new Date().toISOString() });
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    const retry = () => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    this.listener = client;
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => void this.refresh());
    try {
      await client.connect();
      await client.query(LISTEN_CONTACTS_COUNTED_SQL);
      this.listening = true;
      // Batches counted while not listening were missed: read once now.
      if (this.current) void this.refresh();
    } catch (e) {
      this.log.warn(`not listening for counted batches, retrying: ${(e as Error).message}`);
      retry();
    }
  }
}
