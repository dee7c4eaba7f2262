import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decidePageText } from '@/lib/page/site-access/decide-page-text';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { pageTextRules } from '@/lib/settings/page-text-rules';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';

/** The organization's page-text rules a raw policy gives, and what it says about it. */
function organization(raw: Record<string, unknown>) {
  const { policy, notices } = parsePolicy(raw);
  return { rules: effectiveSettings(defaultSettings(), policy).pageTextPolicy, notices };
}

/** Whether a page's text may go to Azure OpenAI at contoso under the raw policy. */
function toAzure(raw: Record<string, unknown>, url: string) {
  const settings = effectiveSettings(defaultSettings(), parsePolicy(raw).policy);
  return decidePageText({ readFrom: [url], to: { provider: 'azure-openai', endpoint: 'https://contoso.openai.azure.com' } }, pageTextRules(settings)).allowed;
}

describe('the page-text policy keys', () => {
  it('parses the documented example', () => {
    const { rules, notices } = organization({
      pageAllowedSites: ['https://*.intranet.example.com/*', 'https://docs.example.org/*'],
      pageBlockedSites: ['https://hr.intranet.example.com/*'],
      pageTextProviders: ['azure-openai', 'https://llm.intranet.example.com'],
      pageRules: [{ sites: ['https://*.intranet.example.com/*'], providers: ['https://llm.intranet.example.com'], action: 'allow' }],
    });
    expect(notices).toEqual([]);
    expect(rules.allowed?.map((p) => p.source)).toEqual(['https://*.intranet.example.com/*', 'https://docs.example.org/*']);
    expect(rules.blocked.map((p) => p.source)).toEqual(['https://hr.intranet.example.com/*']);
    expect(rules.recipients).toEqual([
      { kind: 'provider', provider: 'azure-openai' },
      { kind: 'endpoint', origin: 'https://llm.intranet.example.com' },
    ]);
    expect(rules.rules).toHaveLength(1);
    expect(rules.unreadable).toEqual([]);
  });

  it('without these keys, nothing is narrowed', () => {
    const { rules } = organization({});
    expect(rules).toEqual({ allowed: undefined, blocked: [], recipients: undefined, rules: [], unreadable: [] });
    expect(toAzure({}, 'https://hr.intranet.example.com/')).toBe(true);
  });

  it('drops a bad allowed site or recipient (fewer, never more), naming it', () => {
    const { rules, notices } = organization({ pageAllowedSites: ['intranet.example.com', 'https://docs.example.org/*'], pageTextProviders: ['azure', 'azure-openai'] });
    expect(rules.allowed?.map((p) => p.source)).toEqual(['https://docs.example.org/*']);
    expect(rules.recipients).toEqual([{ kind: 'provider', provider: 'azure-openai' }]);
    expect(rules.unreadable).toEqual([]);
    expect(notices).toEqual([
      { key: 'pageAllowedSites', message: expect.stringMatching(/^“intranet\.example\.com” is not a match pattern: .* That entry is ignored\.$/) },
      { key: 'pageTextProviders', message: expect.stringMatching(/^“azure” is neither a provider ID .* That entry is ignored\.$/) },
    ]);
  });

  it('stops all page text when a blocked site cannot be read, rather than let that site through', () => {
    const raw = { pageBlockedSites: ['https://hr.intranet.example.com/*', 'hr2.intranet.example.com'] };
    const { rules, notices } = organization(raw);
    expect(rules.unreadable).toEqual(['pageBlockedSites']);
    expect(notices).toEqual([
      { key: 'pageBlockedSites', message: expect.stringMatching(/^“hr2\.intranet\.example\.com” is not a match pattern: .* Until it is fixed, omni-ai sends no page text\.$/) },
    ]);
    expect(toAzure(raw, 'https://hr2.intranet.example.com/')).toBe(false);
    expect(toAzure(raw, 'https://news.example.org/')).toBe(false);
  });

  it('stops all page text when a list is not a list (Firefox passes any value through)', () => {
    for (const key of ['pageAllowedSites', 'pageBlockedSites', 'pageTextProviders', 'pageRules']) {
      const { rules, notices } = organization({ [key]: 'https://hr.intranet.example.com/*' });
      expect(rules.unreadable, key).toEqual([key]);
      expect(notices[0]?.message, key).toMatch(/^must be a list of .*; it is a string\. Until it is fixed, omni-ai sends no page text\.$/);
    }
  });

  it('stops all page text when a rule cannot be read, naming the rule and its field', () => {
    const cases: [unknown, string][] = [
      ['https://x/*', 'pageRules[0]'],
      [{ sites: ['https://x.example/*'], action: 'deny' }, 'pageRules[0].action'],
      [{ providers: ['openai'], action: 'block' }, 'pageRules[0].sites'],
      [{ sites: ['x.example'], action: 'block' }, 'pageRules[0].sites'],
      [{ sites: ['https://x.example/*'], providers: ['open-ai'], action: 'block' }, 'pageRules[0].providers'],
    ];
    for (const [rule, key] of cases) {
      const { rules, notices } = organization({ pageRules: [rule] });
      expect(rules.unreadable, key).toEqual(['pageRules']);
      expect(notices.map((n) => n.key), key).toContain(key);
    }
  });

  it('a rule without providers sends its sites’ text to none', () => {
    const raw = { pageRules: [{ sites: ['https://hr.intranet.example.com/*'], action: 'allow' }] };
    expect(toAzure(raw, 'https://hr.intranet.example.com/x')).toBe(false);
    expect(toAzure(raw, 'https://wiki.intranet.example.com/x')).toBe(true);
  });

  it('names a field a rule does not have, and keeps the rule', () => {
    const { rules, notices } = organization({ pageRules: [{ sites: ['https://x.example/*'], action: 'block', provider: ['openai'] }] });
    expect(rules.rules).toHaveLength(1);
    expect(rules.unreadable).toEqual([]);
    expect(notices).toEqual([{ key: 'pageRules[0]', message: 'has a field “provider”, which a rule does not have (sites, providers, action); it is ignored.' }]);
  });
});

describe('docs/POLICY.md', () => {
  it('gives an example that omni-ai reads without a single notice', () => {
    const doc = fs.readFileSync(new URL('../../../docs/POLICY.md', import.meta.url), 'utf8');
    const example = /## Example[^\n]*\n+```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const extensions = (JSON.parse(example) as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } })['3rdparty'].extensions;
    const { policy, notices } = parsePolicy(Object.values(extensions)[0]);
    expect(notices).toEqual([]);
    expect(policy.pageRules?.items).toHaveLength(1);
  });
});
