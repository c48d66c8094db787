import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { isIP } from 'node:net';
import { API_KEY_ENTRY } from '../auth/scopes';
import { withDefaultUser } from '../database/database-url';

export type AppRole = 'all' | 'api' | 'worker';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === 'true');
const listOf = (entry: RegExp) => new RegExp(`^\\s*${entry.source.slice(1, -1)}\\s*(,\\s*${entry.source.slice(1, -1)}\\s*)*$`);

/** Process environment, validated before anything connects (docs/http-contract.md "Running"). */
export class Env {
  @IsIn(['all', 'api', 'worker']) APP_ROLE: AppRole = 'all';
  @IsOptional() @IsString() NODE_ENV?: string;
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  /** Address to listen on; default every interface with API_KEYS set, else 127.0.0.1 (an open API stays on this machine). */
  @IsOptional() @IsString() HOST?: string;
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://localhost:5432/contact_analytics';
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' }) REDIS_URL = 'redis://127.0.0.1:6379';
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'QUEUE_PREFIX must be 1-32 letters, digits, _ or -' }) QUEUE_PREFIX = 'ca';
  /** Comma-separated host:port of a Redis Cluster; when set, the queue and every other use of Redis move there. */
  @IsOptional()
  @Matches(listOf(/^[A-Za-z0-9.-]+:\d{1,5}$/), { message: 'REDIS_CLUSTER_NODES must be comma-separated host:port entries' })
  REDIS_CLUSTER_NODES?: string;
  /** Queues the ingestion queue is split into on a Redis Cluster (ignored on one Redis server). */
  @Transform(toInt) @IsInt() @Min(1) @Max(256) QUEUE_SHARDS = 8;
  /** A streaming replica that serves statistics, reports and the dashboard's figures. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_READ_URL must be a postgres:// URL' })
  DATABASE_READ_URL?: string;
  /** Reads leave the replica for the primary while it is further behind than this. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400) READ_MAX_LAG_SECONDS = 30;
  @IsOptional()
  @Matches(listOf(API_KEY_ENTRY), {
    message:
      'API_KEYS must be comma-separated scope:key pairs (scopes ingest, read, admin, or ingest@source+source bound to sources; keys of 16+ characters)',
  })
  API_KEYS?: string;
  @IsOptional() @IsString() @Matches(/^.{32,}$/, { message: 'PSEUDONYM_KEY must be at least 32 characters' })
  PSEUDONYM_KEY?: string;
  @Transform(toBool) @IsBoolean() MIGRATIONS_RUN = true;
  @Transform(toInt) @IsInt() @Min(1024) BODY_LIMIT_BYTES = 10 * 1024 * 1024;
  /** `POST /v1/imports` streams the file; a larger one gets 413 (measured after decompression). */
  @Transform(toInt) @IsInt() @Min(1024) IMPORT_LIMIT_BYTES = 1024 ** 3;
  @Transform(toInt) @IsInt() @Min(1) @Max(32) WORKER_CONCURRENCY = 2;
  /** Ingestion answers 503 once this many batches wait in the queue (back-pressure). */
  @Transform(toInt) @IsInt() @Min(1) MAX_WAITING_BATCHES = 500;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DB_POOL_SIZE = 10;
  /** Requests a client (API key, else address) may make per minute before 429; 0 turns the limit off. */
  @Transform(toInt) @IsInt() @Min(0) RATE_LIMIT_PER_MINUTE = 1200;
  /** A job whose worker died is retried after this lock expires. */
  @Transform(toInt) @IsInt() @Min(2) @Max(600) JOB_LOCK_SECONDS = 30;
  /** Express `trust proxy`: `false`, `true`, a number of hops, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal. */
  @IsOptional() @IsString() TRUST_PROXY?: string;
  /** Comma-separated origins allowed by CORS (`https://host[:port]`); unset: no CORS headers. */
  @IsOptional()
  @Matches(listOf(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/), { message: 'CORS_ORIGINS must be comma-separated origins like https://host or http://host:port' })
  CORS_ORIGINS?: string;
  /** A batch that failed for a transient reason waits 1 s, then twice as long each time, at most this. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3_600_000) RETRY_MAX_DELAY_MS = 60_000;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @IsString() CONFIG_DIR = 'config';
}

/** One line per problem, naming the variable; never echoes values (they may be secrets). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'API_KEYS', 'PSEUDONYM_KEY', 'NODE_ENV', 'HOST', 'TRUST_PROXY', 'CORS_ORIGINS', 'REDIS_CLUSTER_NODES', 'DATABASE_READ_URL']) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(Env, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (env.TRUST_PROXY && !trustProxyOf(env.TRUST_PROXY).ok) problems.push('TRUST_PROXY must be false, true, a number of hops or a list of addresses, subnets and loopback/linklocal/uniquelocal');
  if (env.NODE_ENV === 'production') {
    if (!env.API_KEYS) problems.push('API_KEYS must be set when NODE_ENV=production');
    if (!env.PSEUDONYM_KEY) problems.push('PSEUDONYM_KEY must be set when NODE_ENV=production');
  }
  if (problems.length) throw new EnvError(problems);
  env.DATABASE_URL = withDefaultUser(env.DATABASE_URL);
  if (env.DATABASE_READ_URL) env.DATABASE_READ_URL = withDefaultUser(env.DATABASE_READ_URL);
  return env;
}

/** TRUST_PROXY as express's `trust proxy` setting: a boolean, a number of hops or a list of addresses and subnets. */
export function trustProxyOf(spec: string | undefined): { ok: boolean; value: boolean | number | string[] } {
  if (!spec || spec === 'false') return { ok: true, value: false };
  if (spec === 'true') return { ok: true, value: true };
  if (/^\d+$/.test(spec)) return { ok: true, value: Number(spec) };
  const list = spec.split(',').map((s) => s.trim());
  const ok = list.every((item) => {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
    const [address, bits, ...rest] = item.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
  });
  return { ok, value: list };
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment: ${problems.join('; ')}`);
  }
}
