import { el } from './dom.js';
import { forgetCredentials, loadCredentials, saveCredentials } from './credentials.js';

/** One password field, its label on one line: "Bearer token (WEBHOOK_TOKEN)". */
function field(id, words, variable) {
  return el(
    'label',
    {},
    el('span', {}, `${words} (`, el('code', {}, variable), ')'),
    el('input', { id, type: 'password', autocomplete: 'off' }),
  );
}

/**
 * The "token (and secret) for this tab" panel of the live view and the dashboard, built into the
 * page's `<section id="credentials">` and opened by its `#open-credentials` button. `note` says
 * where the credentials go; `onSaved` runs after "Use in this tab". Answers the current
 * credentials and a way to open the panel with a reason.
 */
export function credentialsPanel({ secret = false, note, onSaved }) {
  const $ = (id) => document.getElementById(id);
  let credentials = loadCredentials();
  $('credentials').replaceChildren(
    el('h2', { id: 'credentials-title' }, secret ? 'Token and secret for this tab' : 'Bearer token for this tab'),
    el('p', { id: 'credentials-why', class: 'quiet' }),
    el(
      'form',
      { id: 'credentials-form' },
      field('token', 'Bearer token', 'WEBHOOK_TOKEN'),
      secret && field('secret', 'Signing secret', 'WEBHOOK_SECRET'),
      el('p', { class: 'quiet' }, note),
      el(
        'p',
        { class: 'buttons' },
        el('button', { type: 'submit' }, 'Use in this tab'),
        el('button', { type: 'button', id: 'forget-credentials' }, 'Forget'),
        el('button', { type: 'button', id: 'close-credentials' }, 'Close'),
      ),
    ),
  );
  const inputs = () => [$('token'), $('secret')].filter(Boolean);

  function open(why = '') {
    $('credentials-why').textContent = why;
    for (const input of inputs()) input.value = credentials[input.id] ?? '';
    $('credentials').hidden = false;
    $('token').focus();
  }
  $('open-credentials').addEventListener('click', () => open());
  $('close-credentials').addEventListener('click', () => ($('credentials').hidden = true));
  $('forget-credentials').addEventListener('click', () => {
    forgetCredentials();
    credentials = {};
    for (const input of inputs()) input.value = '';
  });
  $('credentials-form').addEventListener('submit', (e) => {
    e.preventDefault();
    credentials = { token: $('token').value.trim() || undefined, secret: $('secret')?.value || undefined };
    saveCredentials(credentials);
    $('credentials').hidden = true;
    onSaved();
  });
  return { current: () => credentials, open };
}
