import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../fixtures/recorded');

/** One recorded event per line (see test/fixtures/recorded/README.md). */
export function recordedLines(file: string): string[] {
  return fs.readFileSync(path.join(DIR, file), 'utf8').split('\n').filter(Boolean);
}

/** The text a recorded stream spells out, for tests to compare with what the user sees. */
export const RECORDED_TEXT = {
  anthropic: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
  azure: recordedLines('azure-openai-chat.sse-data.txt')
    .map((l) => (JSON.parse(l) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ?? '')
    .join(''),
  bedrock: recordedLines('bedrock-converse-stream.events.txt')
    .map((l) => (JSON.parse(l) as { contentBlockDelta?: { delta: { text: string } } }).contentBlockDelta?.delta.text ?? '')
    .join(''),
  vertex: recordedLines('vertex-gemini-stream.sse-data.txt')
    .map((l) => (JSON.parse(l) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]!.content.parts[0]!.text)
    .join(''),
};
