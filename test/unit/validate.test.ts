import { describe, expect, it } from 'vitest';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { toDraft } from '@/lib/settings/draft';
import { checkEndpointUrl, checkServiceAccountKey, parseHeaderLines, validateDraft } from '@/lib/settings/validate';

const SA_KEY = JSON.stringify({
  type: 'service_account',
  client_email: 'bot@proj.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
  token_uri: 'https://oauth2.googleapis.com/token',
});

describe('checkEndpointUrl', () => {
  it.each(['https://x.openai.azure.com', 'http://localhost:11434/v1', 'http://127.0.0.1:8080', 'http://[::1]:1/'])(
    'accepts %s',
    (url) => expect(checkEndpointUrl(url)).toBeUndefined(),
  );
  it('rejects plain http to a remote host, and says where http is allowed', () => {
    expect(checkEndpointUrl('http://example.com')).toMatch(/https:\/\/.*localhost and 127\.0\.0\.1/);
  });
  it('rejects what is not a URL', () => {
    expect(checkEndpointUrl('my-resource.openai.azure.com')).toMatch(/full URL/);
    expect(checkEndpointUrl('ftp://example.com')).toMatch(/https/);
  });
});

describe('validateDraft', () => {
  it('names every wrong field by its label, and nothing else', () => {
    const form = PROVIDER_FORMS['azure-openai'];
    const draft = {
      ...toDraft(form, form.defaults),
      endpoint: 'http://my-resource.openai.azure.com',
      tokenEndpoint: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
      clientId: '',
      clientSecret: 's3cret',
      models: 'gpt-4o-prod',
    };
    expect(validateDraft(form, draft)).toEqual({
      endpoint: 'Endpoint must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
      clientId: 'Client ID is required.',
    });
  });

  it('skips fields hidden by the current mode', () => {
    const form = PROVIDER_FORMS['azure-openai'];
    const draft = {
      ...toDraft(form, form.defaults),
      endpoint: 'https://r.openai.azure.com',
      models: 'dep',
      auth: 'api-key',
      apiKey: 'k',
    };
    // OAuth2 fields are empty but hidden in API-key mode.
    expect(validateDraft(form, draft)).toEqual({});
  });

  it('requires at least one model where the user must list them', () => {
    const form = PROVIDER_FORMS.bedrock;
    const draft = { ...toDraft(form, form.defaults), models: '  \n \n', auth: 'api-key', apiKey: 'k' };
    expect(validateDraft(form, draft)).toEqual({ models: 'Models is required.' });
  });

  it('checks formats that a typo would break: API version, region, location', () => {
    const azure = PROVIDER_FORMS['azure-openai'];
    expect(validateDraft(azure, { ...toDraft(azure, azure.defaults), apiVersion: '2024/10/21' }).apiVersion).toBe(
      'API version must look like YYYY-MM-DD, e.g. 2024-10-21.',
    );
    const bedrock = PROVIDER_FORMS.bedrock;
    expect(validateDraft(bedrock, { ...toDraft(bedrock, bedrock.defaults), region: 'US East' }).region).toBe(
      'Region must be an AWS region such as us-east-1.',
    );
  });

  it('rejects malformed custom headers with the line number', () => {
    const form = PROVIDER_FORMS['openai-compatible'];
    const draft = { ...toDraft(form, form.defaults), headers: 'X-Team: ai\nnot a header' };
    expect(validateDraft(form, draft).headers).toBe('Custom headers has a bad line 2: use the form "Name: value".');
  });
});

describe('checkServiceAccountKey', () => {
  it('accepts a Google key file', () => expect(checkServiceAccountKey(SA_KEY)).toBeUndefined());
  it.each([
    ['{not json', /not valid JSON/],
    ['[]', /JSON object/],
    [JSON.stringify({ type: 'authorized_user' }), /"type": "service_account"/],
    [JSON.stringify({ type: 'service_account', private_key: 'x' }), /client_email/],
    [JSON.stringify({ type: 'service_account', client_email: 'a@b', private_key: 'nope' }), /private_key/],
    [JSON.stringify({ ...JSON.parse(SA_KEY), token_uri: 'http://evil.example/token' }), /token_uri/],
  ])('rejects %s', (text, message) => expect(checkServiceAccountKey(text)).toMatch(message));
});

describe('parseHeaderLines', () => {
  it('parses names and values, ignoring blank lines and surrounding space', () => {
    expect(parseHeaderLines(' X-Team : ai \n\nX-Trace: a:b ')).toEqual({ 'X-Team': 'ai', 'X-Trace': 'a:b' });
  });
});
