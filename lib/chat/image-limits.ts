import { t } from '../i18n/t';
/**
 * The cap on images, shown to the user where images are attached. 1568 px on the longest side is
 * what Anthropic uses without scaling further (its vision guide), and keeps a screenshot's text
 * legible; OpenAI and Gemini scale images to about that too. 2 MB keeps each image well inside
 * every provider's own limit (Bedrock's 3.75 MB is the smallest) and a long conversation's
 * request small; 4 per message keeps one request within it.
 */
export const IMAGE_MAX_SIDE = 1568;
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGES_PER_MESSAGE = 4;
/** A file larger than this is not even decoded: it would take the panel's memory, not make a better picture. */
export const IMAGE_MAX_INPUT_BYTES = 40 * 1024 * 1024;

/** The cap, as the composer says it (1568 px as a measure, not a count: no thousands separator). */
export const imageCapNote = () => t('images_cap', MAX_IMAGES_PER_MESSAGE, String(IMAGE_MAX_SIDE), IMAGE_MAX_BYTES / 1024 / 1024);
