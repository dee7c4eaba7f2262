import { describe, expect, it } from 'vitest';
import { allPrompts, offeredPrompts } from '@/lib/chat/offered-prompts';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { defaultSettings, parseStoredSettings } from '@/lib/settings/parse-stored';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';
import { checkPrompt, checkPromptLanguage } from '@/lib/settings/prompts/check-prompt';
import { parseStoredPrompts } from '@/lib/settings/prompts/parse-stored-prompts';

describe('checkPrompt: what the editor and the policy refuse, by field', () => {
  it('accepts a titled template with known placeholders', () => {
    expect(checkPrompt({ title: 'Tone', template: 'Is {{selection}} polite, in {{language}}?', where: 'both' })).toEqual({});
  });

  it('names each wrong field and what to do', () => {
    expect(checkPrompt({ title: ' ', template: '', where: 'tab' })).toEqual({
      title: 'Title is required: it is what the menu shows.',
      template: 'Template is required: it is the request the prompt makes.',
      where: 'Where it appears ("where") must be "selection", "page" or "both".',
    });
    expect(checkPrompt({ title: 'a\nb', template: 'x', where: 'page' }).title).toBe('Title must be one line.');
    expect(checkPrompt({ title: 'x'.repeat(61), template: 'x', where: 'page' }).title).toBe('Title must be at most 60 characters.');
  });

  it('refuses placeholders omni-ai does not fill, naming them and the ones it does', () => {
    expect(checkPrompt({ title: 'T', template: 'Hi {{name}}, {{date}} {{page}}', where: 'page' }).template).toBe(
      'Template uses {{name}} or {{date}}, which omni-ai does not fill. Use {{selection}}, {{page}}, {{url}}, {{title}} or {{language}}.',
    );
  });

  it('checks the language setting', () => {
    expect(checkPromptLanguage('')).toBeUndefined();
    expect(checkPromptLanguage('French')).toBeUndefined();
    expect(checkPromptLanguage('a\nb')).toBe('Language for quick actions must be one line.');
  });
});

describe('stored prompts', () => {
  it('keeps what can be used, says what could not be kept, and gives IDs every context derives alike', () => {
    const { prompts, notices } = parseStoredPrompts({
      builtIn: { explain: { hidden: true, title: 7 }, gone: { hidden: true } },
      custom: [
        { id: 'a', title: 'A', template: 'Do {{selection}}', where: 'page' },
        { title: 'B', template: 'Uses {{future}}', where: 'somewhere' },
        { id: 'a', title: 'C', template: 'c' },
        { title: '', template: 'no title' },
        'junk',
      ],
    });
    expect(prompts).toEqual({
      builtIn: { explain: { hidden: true } },
      custom: [
        { id: 'a', title: 'A', template: 'Do {{selection}}', where: 'page' },
        { id: 'prompt-1', title: 'B', template: 'Uses {{future}}', where: 'both' },
        { id: 'a-2', title: 'C', template: 'c', where: 'both' },
      ],
    });
    expect(notices).toEqual([
      'Some of your changes to the built-in prompts could not be read and were undone. Check them on the options page.',
      '2 of your saved prompts could not be read and were removed.',
    ]);
  });

  it('reads settings stored before prompts existed as no change, with no notice', () => {
    const { prompts: _prompts, promptLanguage: _language, ...before } = defaultSettings();
    const settings = parseStoredSettings(before);
    expect(settings.prompts).toEqual({ builtIn: {}, custom: [] });
    expect(settings.promptLanguage).toBe('');
    expect(settings.notices).toEqual([]);
  });
});

describe('the organization’s prompts (policy key "prompts")', () => {
  it('keeps the good entries, "both" by default, and names each bad one by its index', () => {
    const { policy, notices } = parsePolicy({
      prompts: [
        { title: ' House style ', template: 'Rewrite {{selection}} in our house style.' },
        { title: 'No template' },
        { title: 'Typo', template: 'Check {{selecton}}', where: 'page' },
        'junk',
        { title: 'Pages', template: 'Check {{page}}', where: 'page' },
      ],
    });
    expect(policy.prompts).toEqual([
      { title: 'House style', template: 'Rewrite {{selection}} in our house style.', where: 'both' },
      { title: 'Pages', template: 'Check {{page}}', where: 'page' },
    ]);
    expect(notices).toEqual([
      { key: 'prompts[1]', message: 'Template is required: it is the request the prompt makes. This prompt is ignored.' },
      {
        key: 'prompts[2]',
        message:
          'Template uses {{selecton}}, which omni-ai does not fill. Use {{selection}}, {{page}}, {{url}}, {{title}} or {{language}}. This prompt is ignored.',
      },
      { key: 'prompts[3]', message: 'must be an object with "title" and "template"; it is a string. It is ignored.' },
    ]);
  });

  it('refuses a value that is not a list', () => {
    expect(parsePolicy({ prompts: { title: 'x' } }).notices).toEqual([
      { key: 'prompts', message: 'must be a list of { "title", "template", "where" } objects; it is an object.' },
    ]);
  });
});

describe('offered prompts', () => {
  const settings = effectiveSettings(
    {
      ...defaultSettings(),
      prompts: {
        builtIn: { rephrase: { hidden: true }, translate: { template: 'Into {{language}}: {{selection}}' } },
        custom: [{ id: 'u', title: 'Mine', template: 'Mine {{page}}', where: 'page' }],
      },
    },
    { prompts: [{ title: 'Org', template: 'Org {{selection}}', where: 'both' }] },
  );

  it('lists the built-in prompts with the user’s changes, then the organization’s, then the user’s', () => {
    expect(allPrompts(settings).map((p) => [p.id, p.source, p.hidden])).toEqual([
      ['summarize', 'built-in', false],
      ['explain', 'built-in', false],
      ['translate', 'built-in', false],
      ['rephrase', 'built-in', true],
      ['summarize-page', 'built-in', false],
      ['translate-page', 'built-in', false],
      ['org-0', 'organization', false],
      ['user-u', 'yours', false],
    ]);
    expect(allPrompts(settings).find((p) => p.id === 'translate')?.template).toBe('Into {{language}}: {{selection}}');
  });

  it('offers on a selection or a page only what belongs there, and no hidden one', () => {
    expect(offeredPrompts(settings, 'selection').map((p) => p.id)).toEqual(['summarize', 'explain', 'translate', 'org-0']);
    expect(offeredPrompts(settings, 'page').map((p) => p.id)).toEqual(['summarize-page', 'translate-page', 'org-0', 'user-u']);
  });
});
