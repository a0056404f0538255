/**
 * The token and secret the page sends with: kept in sessionStorage, which belongs to this tab
 * only and is gone when the tab closes — never in localStorage, a cookie, or a URL.
 */
const KEY = 'hooklab.credentials';

export function loadCredentials() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return { token: saved.token || undefined, secret: saved.secret || undefined };
  } catch {
    return {};
  }
}

export function saveCredentials({ token, secret }) {
  sessionStorage.setItem(KEY, JSON.stringify({ token: token || undefined, secret: secret || undefined }));
}

export function forgetCredentials() {
  sessionStorage.removeItem(KEY);
}

/** What a read needs (the live view follows GET /events' rule: the bearer token, when set). */
export function readHeaders({ token }) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
