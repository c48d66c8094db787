import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** A real worker process (APP_ROLE=worker) from the TypeScript sources, so it can be killed like one in production. */
export function spawnWorker(env: Record<string, string>): ChildProcess & { output: () => string } {
  return spawnRole('worker', { PORT: '0', ...env });
}

/** The service from source in a role of its own, keeping the last 20 kB of what it prints. */
export function spawnRole(role: 'api' | 'worker', env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve('src/main.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, APP_ROLE: role, MIGRATIONS_RUN: 'false', TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return Object.assign(child, { output: () => output });
}

/** Resolves once the process has exited and its output is all read ('close', not 'exit': its last lines may still be in the pipe). */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const closed = (child.stdout?.closed ?? true) && (child.stderr?.closed ?? true);
  if ((child.exitCode !== null || child.signalCode !== null) && closed) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((r) => child.once('close', (code, signal) => r({ code, signal })));
}

/** Polls `check` until it answers true; a check that throws (a service not listening yet) counts as not yet. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
