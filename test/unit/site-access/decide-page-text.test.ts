import { describe, expect, it } from 'vitest';
import { decidePageText, recipientRefusal, type PageTextDecision } from '@/lib/page/site-access/decide-page-text';
import type { PageRule, PageTextRules } from '@/lib/page/site-access/page-text-rules';
import { parseSiteList } from '@/lib/page/site-access/parse-site-list';
import { parseRecipient, type Recipient, type RequestTarget } from '@/lib/page/site-access/recipient';

const sites = (...entries: string[]) => {
  const { patterns, problems } = parseSiteList(entries);
  if (problems.length) throw new Error(problems.join('\n'));
  return patterns;
};
const recipients = (...entries: string[]): Recipient[] =>
  entries.map((entry) => {
    const parsed = parseRecipient(entry);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.recipient;
  });

interface RuleSpec {
  org?: { allowed?: string[]; blocked?: string[]; recipients?: string[]; rules?: { sites: string[]; to?: string[]; action: PageRule['action'] }[]; unreadable?: string[] };
  you?: { allowed?: string[]; blocked?: string[] };
}

function rulesOf({ org = {}, you = {} }: RuleSpec): PageTextRules {
  return {
    organization: {
      allowed: org.allowed && sites(...org.allowed),
      blocked: sites(...(org.blocked ?? [])),
      recipients: org.recipients && recipients(...org.recipients),
      rules: (org.rules ?? []).map((rule) => ({ sites: sites(...rule.sites), recipients: rule.to && recipients(...rule.to), action: rule.action })),
      unreadable: org.unreadable ?? [],
    },
    you: { allowed: you.allowed && sites(...you.allowed), blocked: sites(...(you.blocked ?? [])) },
  };
}

const AZURE: RequestTarget = { provider: 'azure-openai', endpoint: 'https://contoso.openai.azure.com' };
const OPENAI: RequestTarget = { provider: 'openai', endpoint: 'https://api.openai.com' };
const INTERNAL: RequestTarget = { provider: 'openai-compatible', endpoint: 'https://llm.intranet.example.com' };

const WIKI = 'https://wiki.intranet.example.com/Tides';
const HR = 'https://hr.intranet.example.com/salaries?id=7';
const NEWS = 'https://news.example.org/today';

/** The shape of a decision a user sees: allowed, or who refused which site. */
const outcome = (decision: PageTextDecision) => (decision.allowed ? 'allowed' : `refused by ${decision.by}${decision.site ? `: ${decision.site}` : ''}`);

const POLICY: RuleSpec = {
  org: {
    blocked: ['https://hr.intranet.example.com/*'],
    recipients: ['azure-openai', 'https://llm.intranet.example.com'],
    rules: [{ sites: ['https://*.intranet.example.com/*'], to: ['https://llm.intranet.example.com'], action: 'allow' }],
  },
};

describe('decidePageText: the table of cases', () => {
  const cases: [string, RuleSpec, string[], RequestTarget, string][] = [
    ['no rules: any web page to any provider', {}, [NEWS], OPENAI, 'allowed'],
    ['no rules: the browser’s own page never', {}, ['chrome://settings/'], OPENAI, 'refused by browser'],
    ['no rules: a data: page never', {}, ['data:text/html,hi'], OPENAI, 'refused by browser'],
    ['no rules: a selection in a data: frame of a web page never', {}, [NEWS, 'data:text/html,hi'], OPENAI, 'refused by browser'],
    ['no address at all', {}, [], OPENAI, 'refused by browser'],

    ['organization blocks the site', POLICY, [HR], INTERNAL, 'refused by organization: hr.intranet.example.com'],
    ['organization blocks it whatever the recipient', POLICY, [HR], AZURE, 'refused by organization: hr.intranet.example.com'],
    ['a frame of an allowed site inside a blocked page', POLICY, [HR, WIKI], INTERNAL, 'refused by organization: hr.intranet.example.com'],
    ['a blocked frame inside an allowed page', POLICY, [WIKI, HR], INTERNAL, 'refused by organization: hr.intranet.example.com'],
    ['a blob: page made by a blocked site', POLICY, ['blob:https://hr.intranet.example.com/0b5e2a4c'], INTERNAL, 'refused by organization: hr.intranet.example.com'],
    ['the userinfo trick does not make evil.test the intranet', { org: { allowed: ['https://*.intranet.example.com/*'] } }, ['https://wiki.intranet.example.com@evil.test/'], AZURE, 'refused by organization: evil.test'],

    ['the wiki to the internal endpoint', POLICY, [WIKI], INTERNAL, 'allowed'],
    ['the wiki to Azure: pageTextProviders allows it, the intranet rule does not', POLICY, [WIKI], AZURE, 'refused by organization: wiki.intranet.example.com'],
    ['the wiki to OpenAI: not a recipient at all', POLICY, [WIKI], OPENAI, 'refused by organization'],
    ['news to Azure: no rule for news, Azure is a recipient', POLICY, [NEWS], AZURE, 'allowed'],
    ['news to OpenAI: not a recipient', POLICY, [NEWS], OPENAI, 'refused by organization'],
    ['an endpoint origin matches whichever provider sends there', { org: { recipients: ['https://llm.intranet.example.com'] } }, [NEWS], { provider: 'openai', endpoint: 'https://llm.intranet.example.com' }, 'allowed'],
    ['a provider ID does not match another provider at the same origin', { org: { recipients: ['azure-openai'] } }, [NEWS], { provider: 'openai', endpoint: 'https://contoso.openai.azure.com' }, 'refused by organization'],
    ['an origin recipient does not match a provider with no endpoint', { org: { recipients: ['https://llm.intranet.example.com'] } }, [NEWS], { provider: 'openai-compatible' }, 'refused by organization'],
    ['an empty recipient list lets page text go nowhere', { org: { recipients: [] } }, [NEWS], AZURE, 'refused by organization'],

    ['organization allowlist: outside it', { org: { allowed: ['https://*.intranet.example.com/*'] } }, [NEWS], AZURE, 'refused by organization: news.example.org'],
    ['organization allowlist: inside it', { org: { allowed: ['https://*.intranet.example.com/*'] } }, [WIKI], AZURE, 'allowed'],
    ['organization allowlist set and empty: nothing may be read', { org: { allowed: [] } }, [WIKI], AZURE, 'refused by organization: wiki.intranet.example.com'],
    ['organization allowlist, path in another case: not permitted', { org: { allowed: ['https://wiki.intranet.example.com/Tides'] } }, ['https://wiki.intranet.example.com/tides'], AZURE, 'refused by organization: wiki.intranet.example.com'],
    ['a blob: page of an allowed path only: not permitted', { org: { allowed: ['https://wiki.intranet.example.com/public/*'] } }, ['blob:https://wiki.intranet.example.com/0b5e'], AZURE, 'refused by organization: wiki.intranet.example.com'],

    ['the user blocks a site the organization allows', { org: { allowed: ['https://*.intranet.example.com/*'] }, you: { blocked: ['https://wiki.intranet.example.com/*'] } }, [WIKI], AZURE, 'refused by you: wiki.intranet.example.com'],
    ['the user’s own allowlist', { you: { allowed: ['https://news.example.org/*'] } }, [WIKI], AZURE, 'refused by you: wiki.intranet.example.com'],
    ['the user’s allowlist cannot widen the organization’s', { org: { allowed: ['https://*.intranet.example.com/*'] }, you: { allowed: ['https://news.example.org/*'] } }, [NEWS], AZURE, 'refused by organization: news.example.org'],
    ['both blocked: the organization is named', { org: { blocked: ['https://news.example.org/*'] }, you: { blocked: ['https://news.example.org/*'] } }, [NEWS], AZURE, 'refused by organization: news.example.org'],
    ['blocked wins over allowed', { org: { allowed: ['https://*.example.org/*'], blocked: ['https://news.example.org/*'] } }, [NEWS], AZURE, 'refused by organization: news.example.org'],

    ['a block rule for one recipient', { org: { rules: [{ sites: ['https://news.example.org/*'], to: ['openai'], action: 'block' }] } }, [NEWS], OPENAI, 'refused by organization: news.example.org'],
    ['a block rule leaves other recipients', { org: { rules: [{ sites: ['https://news.example.org/*'], to: ['openai'], action: 'block' }] } }, [NEWS], AZURE, 'allowed'],
    ['a block rule without recipients: to none', { org: { rules: [{ sites: ['https://news.example.org/*'], action: 'block' }] } }, [NEWS], AZURE, 'refused by organization: news.example.org'],
    ['every matching rule applies', { org: { rules: [{ sites: ['https://*.example.org/*'], to: ['azure-openai', 'openai'], action: 'allow' }, { sites: ['https://news.example.org/*'], to: ['openai'], action: 'block' }] } }, [NEWS], OPENAI, 'refused by organization: news.example.org'],
    ['a rule restricts a path in another case', { org: { rules: [{ sites: ['https://wiki.intranet.example.com/hr/*'], action: 'block' }] } }, ['https://wiki.intranet.example.com/HR/x'], AZURE, 'refused by organization: wiki.intranet.example.com'],

    ['unreadable organization rules: nothing goes anywhere', { org: { unreadable: ['pageBlockedSites'] } }, [NEWS], AZURE, 'refused by organization'],
  ];

  it.each(cases)('%s', (_name, spec, readFrom, to, expected) => {
    expect(outcome(decidePageText({ readFrom, to }, rulesOf(spec)))).toBe(expected);
  });
});

describe('what the refusals say', () => {
  const say = (spec: RuleSpec, readFrom: string[], to: RequestTarget) => {
    const decision = decidePageText({ readFrom, to }, rulesOf(spec));
    return decision.allowed ? '' : decision.message;
  };

  it('names the site and who decided', () => {
    expect(say(POLICY, [HR], INTERNAL)).toBe('Your organization does not allow omni-ai to read pages from hr.intranet.example.com.');
    expect(say({ you: { blocked: ['https://news.example.org/*'] } }, [NEWS], AZURE)).toBe(
      'You blocked news.example.org in omni-ai’s options (“Sites omni-ai never reads”).',
    );
    expect(say({ org: { allowed: ['https://*.intranet.example.com/*'] } }, [NEWS], AZURE)).toBe(
      'Your organization allows omni-ai to read only some sites, and news.example.org is not one of them.',
    );
  });

  it('names the provider refused and the ones allowed', () => {
    expect(say(POLICY, [NEWS], OPENAI)).toBe(
      'Your organization does not allow page text to be sent to OpenAI (https://api.openai.com); only to Azure OpenAI, https://llm.intranet.example.com.',
    );
    expect(say(POLICY, [WIKI], AZURE)).toBe(
      'Your organization allows text from wiki.intranet.example.com to be sent only to https://llm.intranet.example.com, not to Azure OpenAI (https://contoso.openai.azure.com).',
    );
  });

  it('names the policy keys it could not read', () => {
    expect(say({ org: { unreadable: ['pageBlockedSites', 'pageRules'] } }, [NEWS], AZURE)).toBe(
      'Your organization’s rules for page text could not be read (pageBlockedSites, pageRules), so omni-ai sends no page text until your administrator fixes them.',
    );
  });
});

describe('recipientRefusal: before any page is known', () => {
  it('refuses a provider pageTextProviders leaves out, and only that', () => {
    expect(recipientRefusal(OPENAI, rulesOf(POLICY))?.by).toBe('organization');
    expect(recipientRefusal(AZURE, rulesOf(POLICY))).toBeUndefined();
    // Per-site rules and site lists need the page: they are decided when it is known.
    expect(recipientRefusal(OPENAI, rulesOf({ org: { blocked: ['*://*/*'] } }))).toBeUndefined();
  });
});

describe('recipients: validation names the entry', () => {
  it.each([
    ['azure', 'is neither a provider ID (openai, anthropic, azure-openai, bedrock, vertex, openai-compatible) nor an endpoint origin'],
    ['ftp://llm.example.com', 'is neither'],
    ['https://llm.example.com/v1', 'must be an origin only'],
    ['https://llm.example.com/?x=1', 'must be an origin only'],
    ['https://user@llm.example.com', 'must be an origin only'],
  ])('%s', (source, why) => {
    const parsed = parseRecipient(source);
    expect(!parsed.ok && parsed.message).toContain(`“${source}”`);
    expect(!parsed.ok && parsed.message).toContain(why);
  });

  it('normalises an origin as the URL parser does', () => {
    expect(parseRecipient('HTTPS://LLM.Intranet.Example.com:443/')).toEqual({ ok: true, recipient: { kind: 'endpoint', origin: 'https://llm.intranet.example.com' } });
  });
});
