/**
 * `npm run import -- <contacts|conversations|volumes> <file> [--format csv|ndjson|amazon-connect]
 * [--map F] [--source S] [--url U] [--key K] [--batch-size N]`: loads an export through the HTTP API, as every
 * other client does, and prints `read R, accepted A, rejected J, skipped S, counted C, duplicates D`
 * once the service has counted it. Exits 0 whatever the rows held; 1 when the service could not
 * be reached or refused the key; 2 for a bad command line, file or mapping.
 */
import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { createReadStream, ReadStream, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReferenceConfig } from '../config/reference-config';
import { SLUG } from '../common/validation/domain-validators';
import { ImportClient, ServiceRefusal } from '../imports/import-client';
import { formatOfFile, IMPORT_FORMATS, IMPORT_KINDS, ImportFormat, ImportKind, KINDS } from '../imports/import-kinds';
import { loadMapping, NO_MAPPING } from '../imports/import-mapping';
import { ImportTally, newTally, runImport, settleOldest } from '../imports/import-pipeline';
import { readRows } from '../imports/row-reader';
import { RejectsFile } from '../imports/rejects-file';

export interface ImportArgs {
  kind: ImportKind;
  file: string;
  format: ImportFormat;
  map?: string;
  source?: string;
  url: string;
  key?: string;
  batchSize: number;
}

class UsageError extends Error {}

export function importArgs(argv: string[], env: NodeJS.ProcessEnv): ImportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' }, map: { type: 'string' }, source: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:3000' }, key: { type: 'string' }, 'batch-size': { type: 'string', default: '10000' },
    },
  });
  const [kind, file, ...rest] = positionals;
  if (!IMPORT_KINDS.includes(kind as ImportKind) || !file || rest.length) {
    throw new UsageError(`usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file> [--format ${IMPORT_FORMATS.join('|')}] [--map F] [--source S] [--url U] [--key K]`);
  }
  const format = values.format ?? formatOfFile(file);
  if (!format) throw new UsageError(`--format is needed: ${file} does not end in .csv, .ndjson or .jsonl`);
  if (!IMPORT_FORMATS.includes(format as ImportFormat)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (values.source !== undefined && !SLUG.test(values.source)) throw new UsageError('--source must be a slug of 1-64 lower-case letters, digits or _');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError('--batch-size must be a whole number 1–10,000');
  // npm runs scripts in the package's directory; paths on the command line are the caller's.
  const here = env.INIT_CWD ?? process.cwd();
  return {
    batchSize,
    kind: kind as ImportKind, file: resolve(here, file), format: format as ImportFormat, map: values.map && resolve(here, values.map), source: values.source,
    url: values.url!.replace(/\/+$/, ''), key: values.key ?? env.CA_API_KEY,
  };
}

export async function runImportCommand(a: ImportArgs, out: NodeJS.WriteStream = process.stdout): Promise<string> {
  const kind = KINDS[a.kind];
  const mapping = a.map ? loadMapping(a.map, kind, a.format) : NO_MAPPING;
  const size = statSync(a.file).size;
  const client = new ImportClient(a.url, a.key, kind);
  await client.check();
  const input = createReadStream(a.file);
  const stream = readRows(input, a.format);
  const rejects = new RejectsFile(`${a.file}.rejects.csv`, stream.columns);
  const tally = newTally();
  const progress = showProgress(out, tally, input, size);
  try {
    await runImport(stream.rows, { kind, format: a.format, mapping, config: loadReferenceConfig(process.env.CONFIG_DIR ?? 'config'), source: a.source, batchSize: a.batchSize }, client, {
      rejected: (row, problem, cells) => rejects.add(row, problem, cells),
    }, tally);
  } finally {
    progress.stop();
    await rejects.close();
  }
  for (const [reason, n] of Object.entries(tally.skippedBy)) out.write(`skipped ${n.toLocaleString('en-GB')}: ${reason}\n`);
  if (tally.rejected) out.write(`${tally.rejected.toLocaleString('en-GB')} rejected rows are in ${a.file}.rejects.csv\n`);
  if (tally.outstanding.length) out.write(`waiting for the service to count the last ${tally.outstanding.length} batches…\n`);
  await settleOldest(client, tally, 0);
  if (tally.failedBatches) out.write(`${tally.failedBatches} batches could not be written and are kept as dead letters (GET /v1/ingestion/dead-letters)\n`);
  const line = summaryLine(tally);
  out.write(`${line}\n`);
  return line;
}

export function summaryLine(t: ImportTally): string {
  return `read ${t.read}, accepted ${t.accepted}, rejected ${t.rejected}, skipped ${t.skipped}, counted ${t.counted}, duplicates ${t.duplicates}`;
}

/** A bar with rows, rate and ETA (by bytes of the file read) on a terminal; a plain line every few seconds otherwise. */
function showProgress(out: NodeJS.WriteStream, tally: ImportTally, input: ReadStream, size: number): { stop(): void } {
  const started = Date.now();
  const rate = () => Math.round(tally.read / Math.max((Date.now() - started) / 1000, 0.001));
  if (out.isTTY) {
    const bar = new SingleBar(
      { format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}', stream: out, etaBuffer: 50 },
      Presets.shades_classic,
    );
    bar.start(Math.max(size, 1), 0, { rows: 0, rate: 0 });
    const timer = setInterval(() => bar.update(input.bytesRead, { rows: tally.read.toLocaleString('en-GB'), rate: rate().toLocaleString('en-GB') }), 200);
    return { stop: () => (clearInterval(timer), bar.update(input.bytesRead, { rows: tally.read.toLocaleString('en-GB') }), bar.stop()) };
  }
  const every = Number(process.env.IMPORT_PROGRESS_SECONDS ?? 5) * 1000;
  const timer = setInterval(() => {
    const share = size ? Math.floor((input.bytesRead / size) * 100) : 100;
    out.write(`read ${tally.read.toLocaleString('en-GB')} rows (${rate().toLocaleString('en-GB')} rows/s), ${share}% of the file\n`);
  }, every);
  return { stop: () => clearInterval(timer) };
}

async function main(): Promise<void> {
  let args: ImportArgs;
  try {
    args = importArgs(process.argv.slice(2), process.env);
    statSync(args.file);
  } catch (e) {
    process.stderr.write(`import: ${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    rmSync(`${args.file}.rejects.csv`, { force: true });
    await runImportCommand(args);
    process.exit(0);
  } catch (e) {
    process.stderr.write(`import: ${(e as Error).message}\n`);
    process.exit(e instanceof ServiceRefusal ? 1 : 2);
  }
}

if (require.main === module) void main();
