import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUnavailableError } from '../common/http/unavailable';
import { Env } from '../config/env';
import { dataSourceOptions } from './data-source';
import { keepWindow, lagSeconds, lsnBytes, PrimarySample } from './replica-lag';

/** Where the primary is writing WAL now. */
export const PRIMARY_WAL_SQL = 'SELECT pg_current_wal_lsn()::text AS lsn';
/** How far the replica has replayed, and how old its last replayed transaction is (a fallback only). */
export const REPLICA_REPLAY_SQL = `
  SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed,
         extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS "replayAge"`;

/** Lag is measured this often; reads move within about two checks. */
const CHECK_MS = 1000;
const CHECK_TIMEOUT_MS = 2000;

export type ReplicaState = 'none' | 'up' | 'lagging' | 'down';

export interface ReadRouting {
  state: ReplicaState;
  serving: 'replica' | 'primary';
  lagBytes: number | null;
  lagSeconds: number | null;
}

/**
 * The read side's connection: statistics, reports, forecasts and the dashboard's figures query
 * through it (`rows(readDatabase, SQL, params)`), everything that writes or must see its own
 * writes keeps the primary's DataSource. With DATABASE_READ_URL it answers from the streaming
 * replica while that is reachable and at most READ_MAX_LAG_SECONDS behind, else from the primary;
 * a replica query that fails for want of the replica is answered by the primary at once.
 */
@Injectable()
export class ReadDatabase implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadDatabase.name);
  private readonly replica?: DataSource;
  private samples: PrimarySample[] = [];
  private routing: ReadRouting;
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly primary: DataSource,
    private readonly env: Env,
  ) {
    // Workers never read statistics: only processes serving HTTP use (and watch) the replica.
    if (env.DATABASE_READ_URL && env.APP_ROLE !== 'worker') {
      const options = dataSourceOptions(env.DATABASE_READ_URL, env.DB_POOL_SIZE);
      this.replica = new DataSource({ ...options, extra: { ...(options.extra as object), connectionTimeoutMillis: CHECK_TIMEOUT_MS } });
    }
    this.routing = { state: this.replica ? 'down' : 'none', serving: 'primary', lagBytes: null, lagSeconds: null };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.replica) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_MS).unref();
  }

  /** Rows of a read-only statement, from the replica when it is fit to answer, else the primary. */
  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    if (this.routing.serving !== 'replica' || !this.replica) return this.primary.query(sql, params);
    try {
      return await this.replica.query(sql, params);
    } catch (e) {
      // Unreachable, restarting, or a query cancelled by a conflict with recovery: the primary answers.
      if (!isUnavailableError(e)) throw e;
      this.moveTo({ state: 'down', serving: 'primary', lagBytes: null, lagSeconds: null });
      return this.primary.query(sql, params);
    }
  }

  /** The replica's state and lag, and which database reads go to (for /health/ready). */
  state(): ReadRouting {
    return { ...this.routing };
  }

  private async check(): Promise<void> {
    if (this.checking || !this.replica) return;
    this.checking = true;
    try {
      this.moveTo(await this.measure(this.replica));
    } catch {
      this.moveTo({ state: 'down', serving: 'primary', lagBytes: null, lagSeconds: null });
    } finally {
      this.checking = false;
    }
  }

  private async measure(replica: DataSource): Promise<ReadRouting> {
    const now = Date.now();
    const [{ lsn }] = (await withTimeout(this.primary.query(PRIMARY_WAL_SQL), CHECK_TIMEOUT_MS)) as { lsn: string }[];
    this.samples = keepWindow([...this.samples, { at: now, lsn: lsnBytes(lsn) }], now, (this.env.READ_MAX_LAG_SECONDS + 10) * 1000);
    if (!replica.isInitialized) await withTimeout(replica.initialize(), CHECK_TIMEOUT_MS);
    const [position] = (await withTimeout(replica.query(REPLICA_REPLAY_SQL), CHECK_TIMEOUT_MS)) as {
      recovery: boolean; replayed: string | null; replayAge: number | null;
    }[];
    if (!position.recovery || !position.replayed) throw new Error('DATABASE_READ_URL is not a streaming replica');
    const replayed = lsnBytes(position.replayed);
    const behind = lsnBytes(lsn) - replayed;
    const seconds = lagSeconds(this.samples, replayed, now, position.replayAge ?? undefined);
    const fit = seconds <= this.env.READ_MAX_LAG_SECONDS;
    return {
      state: fit ? 'up' : 'lagging',
      serving: fit ? 'replica' : 'primary',
      lagBytes: behind > 0n ? Number(behind) : 0,
      lagSeconds: seconds,
    };
  }

  private moveTo(next: ReadRouting): void {
    if (next.serving !== this.routing.serving || next.state !== this.routing.state) {
      this.logger.warn({ replica: next.state, lagSeconds: next.lagSeconds }, `reads now served by the ${next.serving}`);
    }
    this.routing = next;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.replica?.isInitialized) await this.replica.destroy().catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
