import { sse } from './sse';

/**
 * A chat-completions stream that spells out `text`, in the shape of the recorded OpenAI stream
 * (test/fixtures/recorded/azure-openai-chat.sse-data.txt, without Azure's filter results): a role
 * chunk, content deltas of a few characters, the finish reason, then the usage chunk and [DONE].
 * For answers the recording does not have (the README's pictures show code and lists).
 */
export function openAIChunks(text: string, usage = { prompt_tokens: 15, completion_tokens: 78 }): Buffer[] {
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1762317021, model: 'gpt-5.5', system_fingerprint: null };
  const choice = (delta: object, finish: string | null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], usage: null });
  const pieces = text.match(/[\s\S]{1,12}/g) ?? [];
  return [
    sse(JSON.stringify(choice({ role: 'assistant', content: '', refusal: null }, null))),
    ...pieces.map((piece) => sse(JSON.stringify(choice({ content: piece }, null)))),
    sse(JSON.stringify(choice({}, 'stop'))),
    sse(JSON.stringify({ ...base, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })),
    sse('[DONE]'),
  ];
}
