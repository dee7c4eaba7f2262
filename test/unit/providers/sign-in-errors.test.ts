import { describe, expect, it } from 'vitest';
import { AuthError } from '@/lib/auth/errors';
import { SignInNeeded } from '@/lib/auth/sign-in/sign-in-needed';
import { missingCredentials } from '@/lib/providers/missing-credentials';
import { toStreamError } from '@/lib/providers/stream-error';
import { defaultSettings } from '@/lib/settings/parse-stored';

const live = new AbortController().signal;

describe('a sign-in problem in a chat request', () => {
  it('becomes a "sign-in" stream error the panel can offer "Sign in again" for', () => {
    expect(toStreamError('azure-openai', SignInNeeded.ended('azure-openai'), live)).toEqual({
      kind: 'sign-in',
      again: true,
      message: expect.stringMatching(/^Your sign-in to Azure OpenAI has ended/),
    });
    expect(toStreamError('bedrock', SignInNeeded.notSignedIn('bedrock'), live)).toMatchObject({ kind: 'sign-in', again: false });
  });

  it('is found inside the SDK’s connection error too, where the gateway’s fetch threw it', () => {
    const sdkError = Object.assign(new Error('Connection error.'), { cause: SignInNeeded.ended('azure-openai') });
    expect(toStreamError('azure-openai', sdkError, live)).toMatchObject({ kind: 'sign-in', again: true });
  });

  it('leaves every other gateway error as it was', () => {
    expect(toStreamError('azure-openai', new AuthError('http', 'The token endpoint failed with HTTP 503.', { retryable: true, status: 503 }), live)).toEqual({
      kind: 'auth-gateway',
      message: 'The token endpoint failed with HTTP 503.',
    });
  });
});

describe('missingCredentials with sign-in', () => {
  it('asks for what sign-in needs, and not for a token endpoint or a secret', () => {
    const settings = defaultSettings();
    settings.providers['azure-openai'] = { ...settings.providers['azure-openai'], endpoint: 'https://x.openai.azure.com', auth: 'sign-in' };
    expect(missingCredentials('azure-openai', settings)).toBe(
      'Azure OpenAI needs a Tenant ID or Issuer and a Client ID to sign in with: add it in omni-ai’s options, then press Retry.',
    );
    settings.providers['azure-openai'].tenantId = 'contoso.onmicrosoft.com';
    settings.providers['azure-openai'].clientId = 'c';
    expect(missingCredentials('azure-openai', settings)).toBeUndefined();
    settings.providers.vertex = { ...settings.providers.vertex, projectId: 'p', auth: 'sign-in', clientId: 'c' };
    expect(missingCredentials('vertex', settings)).toMatch(/needs an Issuer and a Client ID/);
  });
});
