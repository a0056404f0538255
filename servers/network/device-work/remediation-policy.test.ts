import { remediationPolicy } from './remediation-policy';

describe('remediationPolicy', () => {
  const withAuth = { autoRemediate: true, webhookToken: 'a-long-token', webhookSecrets: [] };

  it('allows changes with AUTO_REMEDIATE on and an authenticated sender', () => {
    expect(remediationPolicy(withAuth, { authenticated: true })).toEqual({ allowed: true });
  });

  it('refuses when AUTO_REMEDIATE is off', () => {
    expect(remediationPolicy({ ...withAuth, autoRemediate: false }, { authenticated: true })).toEqual({
      allowed: false,
      reason: expect.stringMatching(/AUTO_REMEDIATE is off/),
    });
  });

  it('refuses on a server running open, and says why', () => {
    expect(remediationPolicy({ autoRemediate: true, webhookSecrets: [] }, { authenticated: false })).toEqual({
      allowed: false,
      reason: expect.stringMatching(/runs open/),
    });
  });

  it('refuses an unauthenticated sender even when a secret is configured', () => {
    expect(remediationPolicy({ autoRemediate: true, webhookSecrets: ['a-long-secret'] }, { authenticated: false })).toMatchObject({
      allowed: false,
    });
  });
});
