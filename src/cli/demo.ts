import { spawn, ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { appendix1Contacts, inBatches, readAppendix1 } from '../seed/appendix1';
import { replay, waitUntilCounted } from '../seed/http-replay';
import { parseApiKeys } from '../auth/scopes';
import { readWebsiteYears } from '../seed/website';

/**
 * `npm run demo`: starts the service (API and worker), replays the seed's 2021 year — all
 * 636,683 contacts of Appendix 1 — through the HTTP API and the queue, prints the Appendix 1
 * table from GET /v1/stats/channels and leaves the service running.
 */
const port = Number(process.env.PORT ?? 3000);
const baseUrl = `http://localhost:${port}`;
const ingestKey = keyFor('ingest');
const readKey = keyFor('read');

async function main(): Promise<void> {
  const service = await ensureService();
  const rows = readAppendix1();
  const total = rows.reduce((s, r) => s + r.contacts, 0);
  console.log(`\nReplaying the 2021 year of Appendix 1: ${total.toLocaleString('en-GB')} contacts, in batches of 10,000`);
  const bar = new SingleBar({ format: ' {task} |{bar}| {percentage}% | {value}/{total} contacts | {eta_formatted} left' }, Presets.shades_classic);
  bar.start(total, 0, { task: 'sent   ' });
  const started = Date.now();
  await replay(inBatches(appendix1Contacts(rows), 10_000), {
    baseUrl,
    path: '/v1/contacts',
    apiKey: ingestKey,
    concurrency: 2,
    onAccepted: (n) => bar.increment(n),
  });
  bar.update(total, { task: 'counted' });
  bar.stop();
  await waitUntilCounted(baseUrl, ingestKey);
  console.log(`Sent and counted in ${((Date.now() - started) / 1000).toFixed(1)} s (already-counted contacts are never counted twice).\n`);
  await putWebsiteYears();
  await printTable();
  console.log(`\nThe service is running at ${baseUrl}  —  API document: ${baseUrl}/docs`);
  console.log(`The dashboard: ${baseUrl}/?period=2021`);
  console.log(`The 2021 Customer Experience report: ${baseUrl}/v1/reports/customer-experience?period=2021&format=html`);
  console.log(`Try: curl '${baseUrl}/v1/stats/channels?period=FY2021-22-Q3'`);
  console.log(`     curl -o report.docx '${baseUrl}/v1/reports/customer-experience?period=2021&format=docx'   (Ctrl-C stops the service)`);
  if (!service) process.exit(0);
}

/** The seed's website table (users, sessions, page views by year), for the report's website statistics. */
async function putWebsiteYears(): Promise<void> {
  for (const { year, ...figures } of readWebsiteYears()) {
    const res = await fetch(`${baseUrl}/v1/web-analytics/${year}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(ingestKey ? { authorization: `Bearer ${ingestKey}` } : {}) },
      body: JSON.stringify(figures),
    });
    if (!res.ok) throw new Error(`PUT /v1/web-analytics/${year} answered ${res.status}`);
  }
}

async function printTable(): Promise<void> {
  const res = await fetch(`${baseUrl}/v1/stats/channels?period=2021&by=source`, {
    headers: readKey ? { authorization: `Bearer ${readKey}` } : {},
  });
  const body = (await res.json()) as {
    total: number;
    assisted: { count: number; percent: number };
    selfService: { count: number; percent: number };
    channels: Array<{ label: string; count: number; percent: number }>;
  };
  const n = (v: number) => v.toLocaleString('en-GB');
  const line = (label: string, count: string, pct: string) => console.log(`  ${label.padEnd(30)} ${count.padStart(10)} ${pct.padStart(5)}`);
  console.log('Customer Services contact centre statistics, 1 January – 31 December 2021');
  line('Channel', 'Contacts', '%');
  for (const c of body.channels) line(c.label, n(c.count), `${c.percent}%`);
  line('Assisted contacts', n(body.assisted.count), `${body.assisted.percent}%`);
  line('Self-service contacts', n(body.selfService.count), `${body.selfService.percent}%`);
  line('Total', n(body.total), '');
}

/** Reuses a service already answering on PORT, else starts one (role all) and returns it. */
async function ensureService(): Promise<ChildProcess | undefined> {
  if (await ready()) {
    console.log(`Using the service already running at ${baseUrl}`);
    return undefined;
  }
  console.log(`Starting contact-analytics at ${baseUrl} (logs: contact-analytics.log) …`);
  const { openSync } = await import('node:fs');
  const log = openSync('contact-analytics.log', 'a');
  const child = spawn(process.execPath, [resolve(__dirname, '../main.js')], { stdio: ['ignore', log, 'pipe'], env: process.env });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  child.on('exit', (code) => {
    console.error(stderr.trim() || `the service stopped (exit code ${code}); see contact-analytics.log`);
    process.exit(code ?? 1);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill('SIGTERM'));
  for (let i = 0; i < 120 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 500));
  return child;
}

async function ready(): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health/ready`)).ok;
  } catch {
    return false;
  }
}

/** With API_KEYS set, the demo uses an admin key, else the key of the scope it needs. */
function keyFor(scope: 'ingest' | 'read'): string | undefined {
  const keys = parseApiKeys(process.env.API_KEYS);
  const pick = [...keys].find(([, s]) => s.has('admin')) ?? [...keys].find(([, s]) => s.has(scope));
  return pick?.[0];
}

main().catch((e: Error) => {
  console.error(`demo failed: ${e.message}`);
  process.exit(1);
});
