// @ts-check
import { authHeaders } from './api.js';
import { count, label } from './format.js';
import { table } from './tables.js';

const RETRY_MS = 3_000;
const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * "Today so far": GET /v1/live read with fetch (an EventSource cannot send the key), each
 * `event: today` shown as it comes; a dropped stream is opened again.
 * @param {(status: number) => void} onRefused called on 401/403 (the key is missing or wrong)
 */
export async function followLive(onRefused) {
  const state = byId('live-state');
  for (;;) {
    try {
      const res = await fetch('/v1/live', { headers: { Accept: 'text/event-stream', ...authHeaders() } });
      if (res.status === 401 || res.status === 403) return onRefused(res.status);
      if (!res.ok || !res.body) throw new Error(`the live view answered ${res.status}`);
      state.textContent = '';
      await readEvents(res.body, show);
      throw new Error('the live view closed');
    } catch (e) {
      state.textContent = `(${e instanceof Error ? e.message : 'not connected'}; trying again)`;
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

/** Server-Sent Events from a byte stream: calls `onToday` with each `event: today`'s data. */
async function readEvents(/** @type {ReadableStream<Uint8Array>} */ body, /** @type {(data: any) => void} */ onToday) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      if (event === 'today' && data) onToday(JSON.parse(data));
    }
  }
}

/** @param {{ date: string, total: number, assisted: number, selfService: number, waiting: number, updatedAt: string,
 *   channels: Array<{ channel: string, handling: string, count: number }> }} today */
function show(today) {
  byId('live-date').textContent = `(${new Date(`${today.date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })})`;
  // Only what changed is rewritten, so a screen reader announces moves, not every 10-second resend.
  const set = (/** @type {string} */ id, /** @type {string} */ text) => {
    if (byId(id).textContent !== text) byId(id).textContent = text;
  };
  set('live-total', count(today.total));
  set('live-self-service', count(today.selfService));
  set('live-assisted', count(today.assisted));
  set('live-waiting', count(today.waiting));
  const updated = byId('live-updated');
  updated.textContent = new Date(today.updatedAt).toLocaleTimeString('en-GB', { timeZone: 'Europe/London' });
  updated.setAttribute('datetime', today.updatedAt);
  if (!today.channels.length) return void byId('live-table').replaceChildren('No contacts counted yet today.');
  byId('live-table').replaceChildren(
    table('Contacts today by channel', ['Channel', 'Handling', 'Contacts'], today.channels.map((c) => [label(c.channel), label(c.handling), count(c.count)]), [2]),
  );
}
