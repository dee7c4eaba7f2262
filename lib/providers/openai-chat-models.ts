/**
 * Whether an ID from OpenAI's /v1/models is a model the chat can talk to. The list also holds
 * embeddings, speech, transcription, image, moderation and realtime models, which Chat Completions
 * refuses; only the GPT and o-series chat families stay, without their variants that take audio or
 * make images, and without those OpenAI serves only through its Responses API (codex,
 * computer-use, deep-research and the -pro models).
 */
export function isOpenAIChatModel(id: string): boolean {
  if (!/^(gpt-|o\d|chatgpt-)/.test(id)) return false;
  const notChat = [
    /^gpt-image/,
    /instruct/, // gpt-3.5-turbo-instruct: the legacy Completions API
    /audio|realtime|transcribe|tts/,
    /codex|computer-use|deep-research/,
    /^(o\d+|gpt-5(\.\d+)?)-pro\b/,
  ];
  return !notChat.some((pattern) => pattern.test(id));
}
