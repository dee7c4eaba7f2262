import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models } from '@anthropic-ai/sdk/resources/models';

/**
 * The official client with only the two APIs omni-ai calls. `Anthropic` itself builds every resource
 * of the API (beta, files, skills...), which the worker then has to load and compile on every start
 * (issue 13 §4); the SDK marks itself free of side effects, so the bundler leaves the rest out.
 * Same requests, same errors (BaseAnthropic does the HTTP, retries and error classes).
 */
export class MessagesClient extends BaseAnthropic {
  messages = new Messages(this);
  models = new Models(this);
}
