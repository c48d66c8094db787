/**
 * `npm run report -- --period FY2021-22-Q3 --format docx --out report.docx [--baseline name]
 * [--url http://localhost:3000] [--key KEY]`: fetches the Customer Experience report from a
 * running service (key from --key or CA_API_KEY) and writes it to a file, or to stdout without --out.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const FORMATS = ['json', 'md', 'html', 'csv', 'docx'];

export interface ReportArgs { url: string; key?: string; period: string; format: string; baseline?: string; out?: string }

export function reportArgs(argv: string[], env: NodeJS.ProcessEnv): ReportArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      period: { type: 'string' }, format: { type: 'string', default: 'docx' }, out: { type: 'string' }, baseline: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:3000' }, key: { type: 'string' },
    },
  });
  if (!values.period) throw new Error('--period is required, e.g. --period FY2021-22-Q3');
  if (!FORMATS.includes(values.format!)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  return {
    url: values.url!.replace(/\/+$/, ''), key: values.key ?? env.CA_API_KEY, period: values.period, format: values.format!,
    baseline: values.baseline, out: values.out,
  };
}

export async function fetchReport(a: ReportArgs): Promise<Buffer> {
  const query = new URLSearchParams({ period: a.period, format: a.format, ...(a.baseline ? { baseline: a.baseline } : {}) });
  const res = await fetch(`${a.url}/v1/reports/customer-experience?${query}`, {
    headers: a.key ? { authorization: `Bearer ${a.key}` } : {},
  });
  if (!res.ok) throw new Error(`the service answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return Buffer.from(await res.arrayBuffer());
}

async function main(): Promise<void> {
  const args = reportArgs(process.argv.slice(2), process.env);
  const body = await fetchReport(args);
  if (args.out) {
    writeFileSync(args.out, body);
    process.stderr.write(`wrote ${args.out} (${body.length.toLocaleString('en-GB')} bytes)\n`);
  } else {
    process.stdout.write(body);
  }
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`report: ${e.message}\n`);
    process.exit(1);
  });
}
