import { Webhook } from 'standardwebhooks';
import {
  githubSignature,
  safeEqual,
  signingKeys,
  standardWebhookKey,
  verifyGithubSignature,
  verifyStandardWebhook,
} from './webhook-signatures';

describe('GitHub X-Hub-Signature-256', () => {
  // The test vector GitHub publishes in "Validating webhook deliveries".
  const secret = "It's a Secret to Everybody";
  const payload = Buffer.from('Hello, World!');
  const published = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("matches GitHub's published test vector", () => {
    expect(githubSignature(secret, payload)).toBe(published);
  });

  it('verifies the published signature', () => {
    expect(verifyGithubSignature(signingKeys([secret]).github, published, payload)).toBe(true);
  });

  it('refuses a tampered body', () => {
    expect(verifyGithubSignature(signingKeys([secret]).github, published, Buffer.from('Hello, World?'))).toBe(false);
  });

  it('accepts a signature made with any of several rotated secrets', () => {
    const keys = signingKeys(['old-secret-123', secret]);
    expect(verifyGithubSignature(keys.github, published, payload)).toBe(true);
  });

  it.each(['', 'sha256=', 'sha256=zz', 'garbage', 'sha256=' + 'a'.repeat(10_000), '\u0000\u00ff'])(
    'returns false, without throwing, for the header %p',
    (header) => {
      expect(verifyGithubSignature(signingKeys([secret]).github, header, payload)).toBe(false);
    },
  );
});

describe('Standard Webhooks', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = Buffer.from('{"event":"InterfaceDown"}');
  const keys = signingKeys([secret]);
  const now = Math.floor(Date.now() / 1000);

  function signedByReferenceLibrary(id: string, ts: number): { id: string; timestamp: string; signature: string } {
    const signature = new Webhook(secret).sign(id, new Date(ts * 1000), body.toString());
    return { id, timestamp: String(ts), signature };
  }

  it('decodes whsec_ secrets from base64 and others as UTF-8', () => {
    expect(standardWebhookKey('whsec_aGVsbG8=').toString()).toBe('hello');
    expect(standardWebhookKey('plain-secret').toString()).toBe('plain-secret');
  });

  it('accepts a signature made by the reference library', () => {
    expect(verifyStandardWebhook(keys.standard, signedByReferenceLibrary('msg_1', now), body, now)).toEqual({ ok: true });
  });

  it('accepts a list of signatures when any one is valid', () => {
    const h = signedByReferenceLibrary('msg_2', now);
    const headers = { ...h, signature: `v1,bm90LWl0 v1a,ignored ${h.signature}` };
    expect(verifyStandardWebhook(keys.standard, headers, body, now)).toEqual({ ok: true });
  });

  it('refuses a stale timestamp before checking the signature', () => {
    const old = now - 301;
    expect(verifyStandardWebhook(keys.standard, signedByReferenceLibrary('msg_3', old), body, now)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('refuses a timestamp from the future', () => {
    const future = now + 301;
    expect(verifyStandardWebhook(keys.standard, signedByReferenceLibrary('msg_4', future), body, now)).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('accepts timestamps just inside the 300 s tolerance', () => {
    expect(verifyStandardWebhook(keys.standard, signedByReferenceLibrary('msg_5', now - 299), body, now).ok).toBe(true);
  });

  it('accepts a signature made with any of several rotated secrets', () => {
    const rotated = signingKeys(['whsec_' + Buffer.from('the-old-secret').toString('base64'), secret]);
    expect(verifyStandardWebhook(rotated.standard, signedByReferenceLibrary('msg_r', now), body, now)).toEqual({ ok: true });
  });

  it('refuses a non-numeric timestamp', () => {
    const h = signedByReferenceLibrary('msg_6', now);
    expect(verifyStandardWebhook(keys.standard, { ...h, timestamp: 'yesterday' }, body, now)).toEqual({
      ok: false,
      reason: 'bad_timestamp',
    });
  });

  it('refuses a signature over another id (the id is signed too)', () => {
    const h = signedByReferenceLibrary('msg_7', now);
    expect(verifyStandardWebhook(keys.standard, { ...h, id: 'msg_8' }, body, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('safeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['', 'x', false],
  ])('compares %p and %p as %p without throwing', (a, b, expected) => {
    expect(safeEqual(a, b)).toBe(expected);
  });
});
