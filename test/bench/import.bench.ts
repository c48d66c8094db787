import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadReferenceConfig } from '../../src/config/reference-config';
import { renderContactRows } from '../../src/ingestion/contact-rows';
import type { ContactEventDto } from '../../src/ingestion/dto/contact-event.dto';
import { Pseudonymiser } from '../../src/privacy/pseudonymiser';
import { CONTACT_ROW_COLUMNS } from '../../src/queue/queue-registry';
import { deleteQueueKeys } from '../support/test-app';
import { dropDatabase, freshDatabase, productionNodeOptions, quiesce, rssMb, saveResult, startService } from './bench-support';

/**
 * `npm run bench:import`: a generated contacts CSV of BENCH_ROWS (default 1,000,000) rows, and one
 * of a tenth of that, each run end to end by `npm run import` (file → HTTP → queue → worker →
 * counted) against the built service (API and worker processes); the importer's peak RSS at both
 * sizes (it should not grow with the file) and a raw COPY of the same rows into a copy of the
 * contacts table, for comparison.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const HEADER = ['id', 'source', 'occurredAt', 'channel', 'handling', 'centre', 'service', 'outcome', 'waitSeconds', 'durationSeconds', 'satisfaction'];
const CHANNELS: Array<[string, string]> = [
  ['online', 'self_service'], ['online', 'assisted'], ['switchboard', 'self_service'], ['chatbot', 'self_service'], ['telephony', 'assisted'],
  ['webchat', 'assisted'], ['paper', 'assisted'],
];
const CENTRES = ['customer_services', 'highways_transport', 'here2help', ''];
const OUTCOMES = ['resolved', 'resolved', 'escalated', 'abandoned', ''];

function cells(n: number, source: string): string[] {
  const [channel, handling] = CHANNELS[n % CHANNELS.length];
  const phone = channel === 'telephony';
  return [
    `imp-${n}`, source, new Date(Date.UTC(2021, 3, 1) + ((n * 31_536) % (365 * 86_400_000))).toISOString(), channel, handling,
    CENTRES[(n >> 2) % CENTRES.length], `service_${n % 20}`, OUTCOMES[(n >> 3) % OUTCOMES.length], phone ? String(n % 240) : '',
    phone ? String(60 + (n % 600)) : '', n % 7 === 0 ? String(1 + (n % 5)) : '',
  ];
}

/** Written with back-pressure: the generator's memory stays flat too. */
async function writeCsv(file: string, rows: number, source: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER.join(',')}\r\n`);
  for (let n = 0; n < rows; n++) if (!out.write(`${cells(n, source).join(',')}\r\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
}

/** The V8 flags of `npm run import`, so the importer runs here as it does for a user. */
function importerNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.import.split(' ').filter((word) => word.startsWith('--'));
}

/** CPU seconds a process has used so far (Linux, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The importer as its own process; its peak RSS sampled every 50 ms, and the CPU it used. */
async function runImporter(file: string, baseUrl: string): Promise<{ seconds: number; peakRssMb: number; cpu: number; summary: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...importerNodeFlags(), resolve(__dirname, '../../src/cli/import.js'), 'contacts', file, '--url', baseUrl], {
    env: { ...process.env, IMPORT_PROGRESS_SECONDS: '10' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  let peak = 0;
  let cpu = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(child.pid!));
      cpu = cpuSeconds(child.pid!);
    } catch {
      /* exited */
    }
  }, 50);
  const [code] = (await once(child, 'close')) as [number];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the importer exited ${code}: ${out}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peak, cpu, summary: out.trim().split('\n').pop()! };
}

/** The same rows as the pipeline stores them, rendered beforehand, by COPY into a copy of contact_event. */
async function rawCopy(databaseUrl: string, rows: number): Promise<number> {
  const config = loadReferenceConfig('config');
  const pseudonymiser = new Pseudonymiser('bench-key-0123456789abcdef0123456789');
  const chunks: string[] = [];
  for (let b = 0; b < rows; b += 10_000) {
    const events = Array.from({ length: Math.min(10_000, rows - b) }, (_, i) => {
      const c = cells(b + i, 'copy');
      return Object.fromEntries(HEADER.map((h, k) => [h, c[k]]).filter(([, v]) => v !== '').map(([h, v]) => [h, /Seconds|satisfaction/.test(h) ? Number(v) : v]));
    });
    chunks.push(renderContactRows(config, pseudonymiser, events as unknown as ContactEventDto[]).rows);
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('CREATE TABLE copy_target (LIKE contact_event INCLUDING ALL)');
  const started = process.hrtime.bigint();
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY copy_target (${CONTACT_ROW_COLUMNS.join(', ')}) FROM STDIN`)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return rows / seconds;
}

async function counted(databaseUrl: string, source: string): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query('SELECT count(*)::int AS n FROM contact_event WHERE source = $1', [source]);
  await db.end();
  return rows[0].n;
}

async function main() {
  const db = `ca_bench_import_${Date.now().toString(36)}`;
  const url = await freshDatabase(db);
  const dir = mkdtempSync(join(tmpdir(), 'ca-bench-import-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const common = {
    DATABASE_URL: url, QUEUE_PREFIX: `benchimp${Date.now()}`, MAX_WAITING_BATCHES: '20', RATE_LIMIT_PER_MINUTE: '0',
    NODE_OPTIONS: productionNodeOptions(),
  };
  const services = [
    await startService({ ...common, APP_ROLE: 'api', PORT: String(port) }),
    await startService({ ...common, APP_ROLE: 'worker', PORT: String(port + 1) }),
  ];
  const lines: string[] = ['| rows | file | end to end (file → counted) | importer peak RSS | importer CPU | final line |', '|---:|---:|---:|---:|---:|---|'];
  try {
    for (const rows of [Math.round(ROWS / 10), ROWS]) {
      const source = `bench_${rows}`;
      const file = join(dir, `${source}.csv`);
      await writeCsv(file, rows, source);
      await quiesce(url);
      const run = await runImporter(file, `http://127.0.0.1:${port}`);
      const stored = await counted(url, source);
      if (stored !== rows) throw new Error(`${stored} of ${rows} contacts counted`);
      lines.push(
        `| ${rows.toLocaleString('en-GB')} | ${Math.round(statSync(file).size / 1e6)} MB | ${Math.round(rows / run.seconds).toLocaleString('en-GB')} rows/s ` +
          `(${run.seconds.toFixed(1)} s) | ${Math.round(run.peakRssMb)} MB | ${run.cpu.toFixed(1)} s | ${run.summary} |`,
      );
      console.log(lines[lines.length - 1]);
      rmSync(file);
    }
  } finally {
    for (const s of services) s.kill('SIGTERM');
    await deleteQueueKeys(common.QUEUE_PREFIX);
  }
  await quiesce(url);
  const copyRate = await rawCopy(url, ROWS);
  lines.push('', `raw COPY of the ${ROWS.toLocaleString('en-GB')} rows into a copy of contact_event (same keys and indexes): ${Math.round(copyRate).toLocaleString('en-GB')} rows/s`);
  saveResult('import', lines.join('\n'));
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(db);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
