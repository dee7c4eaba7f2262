import { describe, expect, it } from 'vitest';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';
import type { ProviderForms } from '@/lib/settings/policy/parse-provider-policy';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';

const keysOf = (notices: { key: string }[]) => notices.map((n) => n.key);

describe('parsePolicy: every key, valid', () => {
  it('takes a complete, valid policy as it is, with no notice', () => {
    const raw = {
      providers: {
        'azure-openai': {
          endpoint: 'https://contoso.openai.azure.com',
          apiVersion: '2024-10-21',
          models: ['gpt-4o', ' gpt-4o-mini ', ''],
          auth: 'oauth2',
          tokenEndpoint: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
          clientId: 'app-id',
          scope: 'https://cognitiveservices.azure.com/.default',
          audience: '',
          resource: '',
          clientAuth: 'body',
        },
        bedrock: { region: 'eu-west-1', endpoint: '' },
        vertex: { projectId: 'p', location: 'global', baseURL: 'https://vertex.intranet.example.com', models: ['gemini-2.5-pro'], auth: 'oauth2' },
        openai: { baseURL: 'https://proxy.example.com/v1' },
        anthropic: { baseURL: '' },
        'openai-compatible': { baseURL: 'http://localhost:11434/v1', models: [] },
      },
      allowedProviders: ['openai-compatible', 'azure-openai'],
      defaultProvider: 'azure-openai',
      defaultModel: 'gpt-4o',
      systemPrompt: '  Answer in English.  ',
      pageBudget: 5000,
      allowAddPage: false,
      allowContextMenu: true,
    };
    const { policy, notices } = parsePolicy(raw);
    expect(notices).toEqual([]);
    expect(policy).toEqual({
      providers: {
        'azure-openai': {
          ...raw.providers['azure-openai'],
          // Stored as the form would store them: list items trimmed, empty lines dropped.
          models: ['gpt-4o', 'gpt-4o-mini'],
        },
        bedrock: { region: 'eu-west-1', endpoint: '' },
        vertex: raw.providers.vertex,
        openai: { baseURL: 'https://proxy.example.com/v1' },
        anthropic: { baseURL: '' },
        'openai-compatible': { baseURL: 'http://localhost:11434/v1', models: [] },
      },
      // In the catalog's order, as the "Provider" combobox lists them.
      allowedProviders: ['azure-openai', 'openai-compatible'],
      defaultProvider: 'azure-openai',
      defaultModel: 'gpt-4o',
      systemPrompt: 'Answer in English.',
      pageBudget: 5000,
      allowAddPage: false,
      allowContextMenu: true,
    });
  });

  it.each([[undefined], [null], ['a string'], [[1]]])('reads %j as no policy', (raw) => {
    expect(parsePolicy(raw)).toEqual({ policy: {}, notices: [] });
  });

  it('takes an empty system prompt: it locks the prompt to none', () => {
    expect(parsePolicy({ systemPrompt: '' }).policy).toEqual({ systemPrompt: '' });
  });
});

describe('parsePolicy: bad values are ignored, named, and take nothing else with them', () => {
  it.each([
    ['pageBudget', 500, 'must be a whole number of characters, at least 1000.'],
    ['pageBudget', 1500.5, 'must be a whole number of characters, at least 1000.'],
    ['pageBudget', '5000', 'must be a whole number of characters, at least 1000.'],
    ['systemPrompt', 42, 'must be a string; it is a number.'],
    ['allowAddPage', 'no', 'must be true or false; it is a string.'],
    ['allowContextMenu', 0, 'must be true or false; it is a number.'],
    ['defaultProvider', 'gemini', 'must be one provider ID (openai, anthropic, azure-openai, bedrock, vertex, openai-compatible).'],
    ['defaultModel', '  ', 'must be a model name.'],
    ['allowedProviders', 'azure-openai', 'must be a list of provider IDs (openai, anthropic, azure-openai, bedrock, vertex, openai-compatible); it is a string.'],
    ['providers', ['azure-openai'], 'must be an object keyed by provider ID (openai, anthropic, azure-openai, bedrock, vertex, openai-compatible); it is a list.'],
  ])('%s = %j', (key, value, message) => {
    const { policy, notices } = parsePolicy({ [key]: value, systemPrompt: key === 'systemPrompt' ? value : 'Kept.' });
    expect(notices).toEqual([{ key, message }]);
    expect(policy).not.toHaveProperty(key);
    if (key !== 'systemPrompt') expect(policy.systemPrompt).toBe('Kept.');
  });

  it('keeps the known providers of allowedProviders and names each unknown entry', () => {
    const { policy, notices } = parsePolicy({ allowedProviders: ['azure-openai', 'azure', 7] });
    expect(policy.allowedProviders).toEqual(['azure-openai']);
    expect(notices).toEqual([
      { key: 'allowedProviders', message: expect.stringContaining('"azure", which is not a provider omni-ai knows') },
      { key: 'allowedProviders', message: expect.stringContaining('lists a number') },
    ]);
  });

  it('ignores an allowedProviders that names no known provider, so nothing is hidden by mistake', () => {
    const { policy, notices } = parsePolicy({ allowedProviders: [] });
    expect(policy).toEqual({});
    expect(notices.at(-1)).toEqual({ key: 'allowedProviders', message: 'names no provider omni-ai knows, so every provider stays offered.' });
  });

  it('ignores a default provider that is not allowed, and a default model without it', () => {
    const { policy, notices } = parsePolicy({ allowedProviders: ['bedrock'], defaultProvider: 'openai', defaultModel: 'gpt-5.5' });
    expect(policy).toEqual({ allowedProviders: ['bedrock'] });
    expect(keysOf(notices)).toEqual(['defaultProvider', 'defaultModel']);
    expect(notices[0]!.message).toBe('openai (OpenAI) is not among allowedProviders, so it cannot be the default.');
  });

  it('ignores a default model that is not among the models the policy sets for that provider', () => {
    const { policy, notices } = parsePolicy({
      defaultProvider: 'azure-openai',
      defaultModel: 'gpt-5',
      providers: { 'azure-openai': { models: ['gpt-4o'] } },
    });
    expect(policy.defaultModel).toBeUndefined();
    expect(policy.defaultProvider).toBe('azure-openai');
    expect(notices).toEqual([{ key: 'defaultModel', message: 'is not one of the models the policy sets for azure-openai (Azure OpenAI).' }]);
  });

  it('names an unknown key and ignores it', () => {
    const { policy, notices } = parsePolicy({ screenshotSites: ['https://hr.example.com/*'], pageBudget: 2000 });
    expect(policy).toEqual({ pageBudget: 2000 });
    expect(notices).toEqual([{ key: 'screenshotSites', message: 'is not a policy this version of omni-ai knows; it is ignored.' }]);
  });
});

describe('parsePolicy: provider fields are checked by their form’s own rules', () => {
  it('drops only the bad field of a provider, naming it by its path, and keeps the rest', () => {
    const { policy, notices } = parsePolicy({
      providers: {
        'azure-openai': {
          endpoint: 'http://contoso.openai.azure.com',
          apiVersion: 'latest',
          models: 'gpt-4o',
          auth: 'kerberos',
          clientId: 'app-id',
        },
        bedrock: { region: 'Frankfurt' },
        vertex: { location: 'europe-west4', projectId: '' },
      },
    });
    expect(policy.providers).toEqual({ 'azure-openai': { clientId: 'app-id' }, vertex: { location: 'europe-west4' } });
    expect(notices).toEqual([
      {
        key: 'providers.azure-openai.endpoint',
        message: 'Endpoint must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
      },
      { key: 'providers.azure-openai.apiVersion', message: 'API version must look like YYYY-MM-DD, e.g. 2024-10-21.' },
      { key: 'providers.azure-openai.models', message: 'must be a list of strings (it is a string).' },
      { key: 'providers.azure-openai.auth', message: 'Authentication has an unknown value.' },
      { key: 'providers.bedrock.region', message: 'Region must be an AWS region such as us-east-1.' },
      { key: 'providers.vertex.projectId', message: 'Project ID is required.' },
    ]);
  });

  it('never takes a secret, and says why without repeating it', () => {
    const secrets = {
      openai: { apiKey: 'sk-live-123' },
      'azure-openai': { clientSecret: 'cs-456', endpoint: 'https://contoso.openai.azure.com' },
      vertex: { serviceAccountKey: '{"type":"service_account"}' },
      'openai-compatible': { headers: { Authorization: 'Bearer tok-789' }, apiKey: 'k' },
    };
    const { policy, notices } = parsePolicy({ providers: secrets });
    expect(policy.providers).toEqual({ 'azure-openai': { endpoint: 'https://contoso.openai.azure.com' } });
    expect(keysOf(notices)).toEqual([
      'providers.openai.apiKey',
      'providers.azure-openai.clientSecret',
      'providers.vertex.serviceAccountKey',
      'providers.openai-compatible.headers',
      'providers.openai-compatible.apiKey',
    ]);
    for (const notice of notices) expect(notice.message).toMatch(/^is a secret, and omni-ai never takes secrets from policy/);
    expect(JSON.stringify(notices)).not.toMatch(/sk-live|cs-456|service_account|tok-789/);
  });

  it('names unknown providers and unknown fields, listing what policy can set', () => {
    const { policy, notices } = parsePolicy({ providers: { gemini: { x: 1 }, openai: { model: 'gpt-5.5' }, bedrock: 'us-east-1' } });
    expect(policy).toEqual({});
    expect(notices).toEqual([
      { key: 'providers.gemini', message: expect.stringMatching(/^is not a provider omni-ai knows/) },
      { key: 'providers.openai.model', message: 'is not a setting of OpenAI (those policy can set: baseURL, temperature, maxOutputTokens, reasoningEffort).' },
      { key: 'providers.bedrock', message: expect.stringMatching(/^must be an object of settings/) },
    ]);
  });

  it('lets policy set a field added to a form later, with no second list to update', () => {
    const base = PROVIDER_FORMS['azure-openai'];
    const forms = {
      ...PROVIDER_FORMS,
      'azure-openai': {
        ...base,
        fields: [...base.fields, { key: 'dataZone', label: 'Data zone', kind: 'text', check: (v: string) => (/^(us|eu)$/.test(v) ? undefined : 'must be us or eu') }],
      },
    } as unknown as ProviderForms;
    expect(parsePolicy({ providers: { 'azure-openai': { dataZone: 'eu' } } }, forms).policy).toEqual({
      providers: { 'azure-openai': { dataZone: 'eu' } },
    });
    expect(parsePolicy({ providers: { 'azure-openai': { dataZone: 'asia' } } }, forms).notices).toEqual([
      { key: 'providers.azure-openai.dataZone', message: 'Data zone must be us or eu.' },
    ]);
    // And a new option of a select is accepted as soon as the form offers it.
    expect(parsePolicy({ providers: { 'azure-openai': { auth: 'managed-identity' } } }).notices).toHaveLength(1);
    const withManagedIdentity = {
      ...PROVIDER_FORMS,
      'azure-openai': {
        ...base,
        fields: base.fields.map((f) => (f.key === 'auth' ? { ...f, options: [...f.options!, { value: 'managed-identity', label: 'Managed identity' }] } : f)),
      },
    } as unknown as ProviderForms;
    expect(parsePolicy({ providers: { 'azure-openai': { auth: 'managed-identity' } } }, withManagedIdentity)).toEqual({
      policy: { providers: { 'azure-openai': { auth: 'managed-identity' } } },
      notices: [],
    });
  });

  it('takes the sign-in settings (issue 11 §2) by the same rules, "Stay signed in" as a boolean', () => {
    expect(
      parsePolicy({
        providers: {
          'azure-openai': { auth: 'sign-in', tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000000', keepSignedIn: true },
          bedrock: { auth: 'sign-in', issuer: 'https://contoso.okta.com/oauth2/default', keepSignedIn: false },
        },
      }),
    ).toEqual({
      policy: {
        providers: {
          'azure-openai': { auth: 'sign-in', tenantId: 'contoso.onmicrosoft.com', clientId: '00000000-0000-0000-0000-000000000000', keepSignedIn: true },
          bedrock: { auth: 'sign-in', issuer: 'https://contoso.okta.com/oauth2/default', keepSignedIn: false },
        },
      },
      notices: [],
    });
    expect(
      parsePolicy({ providers: { 'azure-openai': { tenantId: 'common', keepSignedIn: 'yes' }, vertex: { issuer: 'http://idp.example.com' } } }).notices,
    ).toEqual([
      { key: 'providers.azure-openai.tenantId', message: 'Tenant ID must be your organisation’s own tenant, not "common": enter its ID (a GUID) or domain.' },
      { key: 'providers.azure-openai.keepSignedIn', message: 'must be true or false (it is a string).' },
      { key: 'providers.vertex.issuer', message: 'Issuer must start with https:// (plain http is allowed only for localhost and 127.0.0.1).' },
    ]);
  });
});
