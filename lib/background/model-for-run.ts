import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { generationOf } from '../providers/generation';
import { imageRefusal, imageRejectionHint, imageSupport, type ImagesIn } from '../providers/image-support';
import { missingCredentials } from '../providers/missing-credentials';
import { withParameterHint } from '../providers/parameter-hint';
import { createChatModel } from '../providers/registry';
import type { ChatMessage, ChatModel, StreamPart } from '../providers/types';
import { loadSettings } from '../settings/load-settings';
import { PROVIDER_FORMS } from '../settings/provider-forms';
import type { EffectiveSettings } from '../settings/effective-settings';
import { providerRefusal } from '../settings/policy/refusals';
import { markOnce, timedStep } from '../timed-step';
import { startUpWork } from './start-up-work';

/** Where a request's images are: with the new message (the last turn), earlier, or nowhere. */
export function imagesIn(messages: ChatMessage[]): ImagesIn | undefined {
  if (messages.at(-1)?.images?.length) return 'draft';
  return messages.some((m) => m.images?.length) ? 'conversation' : undefined;
}

/**
 * The provider for one run, set up from the settings as they are when the run starts. Everything
 * that can go wrong before the request (unreadable settings, a provider the policy hides, missing
 * credentials, images for a model that reads none, an adapter that cannot be built) arrives as the
 * stream's error part, so the run manager shows it as the answer's error, with Retry, like any
 * provider failure: a run never waits on anything that has no end.
 * `checked`: settings already read (the send fitted to the context and its page text checked with
 * them), used as they are.
 */
export function modelForRun(provider: ProviderId, gateway: OAuth2Gateway, checked?: EffectiveSettings): ChatModel {
  return {
    provider,
    async *stream(request) {
      // The worker's deferred start-up work waits until this run's request has left (start-up-work.ts).
      const release = startUpWork.hold();
      const sendAndRelease: typeof fetch = (input, init) => {
        release();
        return fetch(input, init);
      };
      try {
        // The settings the send was fitted and its page text checked with (serve-chat-port).
        markOnce('run-start');
        const settings = checked ?? (await timedStep('load-settings', loadSettings));
        const images = imagesIn(request.messages);
        // A hidden provider (admin policy) is refused here too: a stale page or a forged message.
        // So are images for a model known to read none (the panel says so first): nothing is sent.
        const refused =
          providerRefusal(settings, provider) ??
          missingCredentials(provider, settings) ??
          (images && imageRefusal(provider, request.model, images));
        if (refused) {
          yield { type: 'error', error: { kind: 'config', message: refused } };
          return;
        }
        const model = createChatModel(provider, settings, gateway, sendAndRelease); // imports the SDK's script on a cold worker
        markOnce('model-ready');
        // Generation settings as the options page has them now (policy applied), in this provider's format.
        const generation = generationOf(settings.providers[provider]);
        const locked = settings.locked.providers[provider] ?? [];
        const required = PROVIDER_FORMS[provider].fields.filter((f) => f.required).map((f) => f.key as string);
        const hint = images && imageSupport(provider, request.model) === 'unknown';
        for await (const part of model.stream({ ...request, system: settings.systemPrompt || undefined, generation })) {
          const named = part.type === 'error' ? { ...part, error: withParameterHint(part.error, provider, generation, locked, required) } : part;
          yield hint ? withImageHint(named, request.model) : named;
        }
      } catch (error) {
        yield { type: 'error', error: { kind: 'config', message: `omni-ai could not start the request: ${(error as Error).message}` } };
      } finally {
        release();
      }
    },
  };
}

/** A model omni-ai knew nothing of refused the request: it may be the images, so say what to do. */
function withImageHint(part: StreamPart, model: string): StreamPart {
  if (part.type !== 'error' || part.error.kind !== 'bad-request') return part;
  return { ...part, error: { ...part.error, message: part.error.message + imageRejectionHint(model) } };
}
