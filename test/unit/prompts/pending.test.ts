import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { matchPrompts, pickerQuery } from '@/components/chat/use-prompt-picker';
import { allPrompts } from '@/lib/chat/offered-prompts';
import { pendingKey, putPending, takePending } from '@/lib/chat/pending-context';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { defaultSettings } from '@/lib/settings/parse-stored';

beforeEach(() => fakeBrowser.reset());

const entry = { context: { kind: 'selection' as const, title: 'T', url: 'https://x.test/', text: 'x', totalChars: 1 }, request: 'Summarize the selected text.' };

describe('the hand-over to the side panel', () => {
  it('gives a quick action to one of any number of overlapping takes: it is sent once', async () => {
    await putPending(4, entry);
    const taken = await Promise.all([takePending(4), takePending(4), takePending(4)]);
    expect(taken.filter(Boolean)).toEqual([entry]);
    expect(await fakeBrowser.storage.session.get(pendingKey(4))).toEqual({});
  });

  it('keeps each window’s entry apart', async () => {
    await Promise.all([putPending(1, entry), putPending(2, { error: 'no' })]);
    expect(await takePending(2)).toEqual({ error: 'no' });
    expect(await takePending(1)).toEqual(entry);
  });
});

describe('the "/" picker', () => {
  const prompts = allPrompts(effectiveSettings(defaultSettings(), {}));

  it('opens on a "/" that starts a one-line message', () => {
    expect(pickerQuery('/')).toBe('');
    expect(pickerQuery('/sum')).toBe('sum');
    expect(pickerQuery(' /sum')).toBeUndefined();
    expect(pickerQuery('/sum\nmore')).toBeUndefined();
    expect(pickerQuery('a/b')).toBeUndefined();
  });

  it('filters by title, those that start with the text first, ignoring case and accents', () => {
    expect(matchPrompts(prompts, 'summ').map((p) => p.title)).toEqual(['Summarize', 'Summarize this page']);
    expect(matchPrompts(prompts, 'PAGE').map((p) => p.title)).toEqual(['Summarize this page', 'Translate this page']);
    expect(matchPrompts(prompts, 'tränsl').map((p) => p.title)).toEqual(['Translate', 'Translate this page']);
    expect(matchPrompts(prompts, 'zzz')).toEqual([]);
    expect(matchPrompts(prompts, '')).toHaveLength(prompts.length);
  });
});
