const encoder = new TextEncoder();

/** WebCrypto exists only in a secure context: https, or http on localhost / 127.0.0.1. */
export function canSign() {
  return Boolean(globalThis.crypto?.subtle);
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * GitHub's X-Hub-Signature-256 for these exact bytes, computed in the browser with WebCrypto:
 * HMAC-SHA256 keyed with the secret's UTF-8 bytes. The secret itself is never sent.
 */
export async function hubSignature(secret, bytes) {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `sha256=${hex(await crypto.subtle.sign('HMAC', key, bytes))}`;
}

/** A request id the page can find its request by in the feed (the server keeps a short plain one). */
export function newRequestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `page-${hex(bytes)}`;
}

/**
 * POSTs an event to this server's /events as a new delivery (a fresh Idempotency-Key, so it is
 * never taken for a duplicate of the one it was copied from), with the tab's token and/or a
 * signature made with the tab's secret.
 */
export async function sendEvent(text, { token, secret } = {}, { url = '/events', requestId = newRequestId() } = {}) {
  const bytes = encoder.encode(text);
  const headers = { 'Content-Type': 'application/json', 'X-Request-Id': requestId };
  if (globalThis.crypto?.randomUUID) headers['Idempotency-Key'] = crypto.randomUUID();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (secret) {
    if (!canSign())
      throw new Error(
        'Signing needs a secure context: open this page as http://127.0.0.1 or http://localhost, or https. Use the token instead.',
      );
    headers['X-Hub-Signature-256'] = await hubSignature(secret, bytes);
  }
  const res = await fetch(url, { method: 'POST', headers, body: bytes, cache: 'no-store' });
  return { status: res.status, text: await res.text(), requestId };
}
