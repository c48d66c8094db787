import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { exited } from './worker-process';

export interface CliRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; summary?: Record<string, number> }

/** `npm run import` as a real child process, from the TypeScript sources, so it can be killed like one. */
export function spawnImport(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve('src/cli/import.ts'), ...args], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', IMPORT_PROGRESS_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function runImportCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawnImport(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const { code, signal } = await exited(child);
  return { code, signal, stdout, stderr, summary: summaryOf(stdout) };
}

/** The final line `read R, accepted A, rejected J, skipped S, counted C, duplicates D` as numbers. */
export function summaryOf(stdout: string): Record<string, number> | undefined {
  const line = stdout.trim().split('\n').pop() ?? '';
  const m = /^read (\d+), accepted (\d+), rejected (\d+), skipped (\d+), counted (\d+), duplicates (\d+)$/.exec(line);
  if (!m) return undefined;
  const [read, accepted, rejected, skipped, counted, duplicates] = m.slice(1).map(Number);
  return { read, accepted, rejected, skipped, counted, duplicates };
}
