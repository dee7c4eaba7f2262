import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from '@/lib/settings/draft';
import { parseStoredSettings } from '@/lib/settings/parse-stored';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { validateDraft } from '@/lib/settings/validate';
import { providerUrls, signInIssuer } from '@/lib/providers/endpoints';

const azure = PROVIDER_FORMS['azure-openai'];
const azureSignIn = (over: Record<string, string> = {}) => ({
  ...toDraft(azure, azure.defaults),
  endpoint: 'https://contoso.openai.azure.com',
  models: 'gpt-4o',
  auth: 'sign-in',
  clientId: '00000000-0000-0000-0000-000000000001',
  ...over,
});

describe('the sign-in authentication method', () => {
  it('is offered by every enterprise provider', () => {
    for (const id of ['azure-openai', 'bedrock', 'vertex'] as const) {
      const auth = PROVIDER_FORMS[id].fields.find((f) => f.key === 'auth')!;
      expect(auth.options).toContainEqual({ value: 'sign-in', label: "Sign in (your organisation's account)" });
    }
  });

  it('shows the Tenant ID, Issuer, Client ID, Scope and "Stay signed in" for Azure, and no secret (then the generation settings)', () => {
    const shown = azure.fields.filter((f) => !f.showIf || f.showIf(azureSignIn())).map((f) => f.label);
    expect(shown).toEqual([
      'Endpoint',
      'API version',
      'Models',
      'Authentication',
      'Tenant ID',
      'Issuer',
      'Client ID',
      'Scope',
      'Stay signed in after the browser closes',
      'Temperature',
      'Maximum output tokens',
      'Reasoning effort',
      'Context size (tokens)',
    ]);
  });

  it('takes the Tenant ID or the Issuer, and says so when neither is there', () => {
    expect(validateDraft(azure, azureSignIn({ tenantId: 'contoso.onmicrosoft.com' }))).toEqual({});
    expect(validateDraft(azure, azureSignIn({ issuer: 'https://idp.example.com' }))).toEqual({});
    expect(validateDraft(azure, azureSignIn())).toEqual({
      issuer: 'Issuer is required: enter the Tenant ID, or the Issuer of your OpenID Connect provider.',
    });
    expect(validateDraft(azure, azureSignIn({ tenantId: 'organizations' }))).toEqual({
      tenantId: 'Tenant ID must be your organisation’s own tenant, not "organizations": enter its ID (a GUID) or domain.',
    });
    expect(validateDraft(azure, azureSignIn({ issuer: 'http://idp.example.com', clientId: '' }))).toEqual({
      issuer: 'Issuer must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
      clientId: 'Client ID is required.',
    });
  });

  it('requires the Issuer for Bedrock and Vertex, and no client secret', () => {
    const bedrock = PROVIDER_FORMS.bedrock;
    expect(validateDraft(bedrock, { ...toDraft(bedrock, bedrock.defaults), auth: 'sign-in', clientId: 'c' })).toEqual({ issuer: 'Issuer is required.' });
    const vertex = PROVIDER_FORMS.vertex;
    expect(validateDraft(vertex, { ...toDraft(vertex, vertex.defaults), projectId: 'p', auth: 'sign-in', clientId: 'c', issuer: 'https://idp.example.com' })).toEqual({});
  });

  it('stores "Stay signed in" as a boolean and reads it back', () => {
    const config = fromDraft(azure, azureSignIn({ tenantId: 't.onmicrosoft.com', keepSignedIn: 'true' }));
    expect(config.keepSignedIn).toBe(true);
    expect(toDraft(azure, config).keepSignedIn).toBe('true');
    expect(fromDraft(azure, azureSignIn()).keepSignedIn).toBe(false);
  });

  it('keeps settings saved before sign-in existed, with the new fields at their defaults (no migration)', () => {
    const stored = { provider: 'azure-openai', providers: { 'azure-openai': { endpoint: 'https://x.openai.azure.com', auth: 'oauth2', clientId: 'c' } } };
    const settings = parseStoredSettings(stored);
    expect(settings.notices).toEqual([]);
    expect(settings.providers['azure-openai']).toMatchObject({ endpoint: 'https://x.openai.azure.com', auth: 'oauth2', issuer: '', tenantId: '', keepSignedIn: false });
  });

  it('resets a "Stay signed in" that is not a boolean, and says so', () => {
    const settings = parseStoredSettings({ providers: { bedrock: { keepSignedIn: 'yes' } } });
    expect(settings.providers.bedrock.keepSignedIn).toBe(false);
    expect(settings.notices).toEqual([
      'Some saved AWS Bedrock settings could not be read and were reset: Stay signed in after the browser closes. Check them on the options page.',
    ]);
  });
});

describe('signInIssuer and host access', () => {
  it('fills the Entra issuer from the tenant unless an Issuer is set', () => {
    expect(signInIssuer({ issuer: '', tenantId: 'contoso.onmicrosoft.com' })).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0');
    expect(signInIssuer({ issuer: 'https://idp.example.com', tenantId: 'contoso.onmicrosoft.com' })).toBe('https://idp.example.com');
  });

  it('asks for the API’s and the issuer’s origins when saving, not a token endpoint', () => {
    const config = fromDraft(azure, azureSignIn({ tenantId: 'contoso.onmicrosoft.com', tokenEndpoint: 'https://old.example.com/token' }));
    expect(providerUrls('azure-openai', config)).toEqual([
      'https://contoso.openai.azure.com',
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
    ]);
  });
});
