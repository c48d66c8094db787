// @ts-check
/** Calls to the service's own API with the read key, if one is needed; failures carry what failed. */

const KEY = 'contact-analytics.read-key';

export class ApiFailure extends Error {
  /** @param {string} path @param {number} status @param {string} message @param {Array<{ path: string, problem: string }>} details a 400's problems */
  constructor(path, status, message, details = []) {
    super(`${path.split('?')[0]} answered ${status}: ${message}`);
    this.status = status;
    this.details = details;
  }
}

/** A key in the fragment (/#key=…, for wallboards) is taken without asking and removed from the address bar. */
export function takeKeyFromFragment() {
  const found = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (!found) return;
  sessionStorage.setItem(KEY, decodeURIComponent(found[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

/** @param {string} key */
export const keepKey = (key) => sessionStorage.setItem(KEY, key);
export const forgetKey = () => sessionStorage.removeItem(KEY);

/** @returns {Record<string, string>} */
export function authHeaders() {
  const key = sessionStorage.getItem(KEY);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** JSON from the API, or an ApiFailure naming the call, its status and the service's message. @param {string} path */
export async function getJson(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json', ...authHeaders() } });
  } catch {
    throw new ApiFailure(path, 0, 'the service could not be reached');
  }
  if (res.ok) return res.json();
  const body = await res.json().catch(() => ({}));
  throw new ApiFailure(path, res.status, typeof body.message === 'string' ? body.message : res.statusText, Array.isArray(body.details) ? body.details : []);
}

/** A file from the API saved under its own name (a link cannot carry the key). @param {string} path */
export async function download(path) {
  const res = await fetch(path, { headers: authHeaders() });
  if (!res.ok) throw new ApiFailure(path, res.status, res.statusText);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? 'download';
  saveBlob(await res.blob(), name);
}

/** @param {Blob} blob @param {string} name */
export function saveBlob(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
