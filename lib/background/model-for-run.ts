import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { generationOf } from '../providers/generation';
import { missingCredentials } from '../providers/missing-credentials';
import { withParameterHint } from '../providers/parameter-hint';
import { createChatModel } from '../providers/registry';
import type { ChatModel } from '../providers/types';
import { loadSettings } from '../settings/load-settings';
import { PROVIDER_FORMS } from '../settings/provider-forms';
import { providerRefusal } from '../settings/policy/refusals';

/**
 * The provider for one run, set up from the settings as they are when the run starts. Everything
 * that can go wrong before the request (unreadable settings, a provider the policy hides, missing credentials, an adapter that
 * cannot be built) arrives as the stream's error part, so the run manager shows it as the answer's
 * error, with Retry, like any provider failure: a run never waits on anything that has no end.
 */
export function modelForRun(provider: ProviderId, gateway: OAuth2Gateway): ChatModel {
  return {
    provider,
    async *stream(request) {
      try {
        const settings = await loadSettings();
        // A hidden provider (admin policy) is refused here too: a stale page or a forged message.
        const refused = providerRefusal(settings, provider) ?? missingCredentials(provider, settings);
        if (refused) {
          yield { type: 'error', error: { kind: 'config', message: refused } };
          return;
        }
        const model = createChatModel(provider, settings, gateway);
        // Generation settings as the options page has them now (policy applied), in this provider's format.
        const generation = generationOf(settings.providers[provider]);
        const locked = settings.locked.providers[provider] ?? [];
        const required = PROVIDER_FORMS[provider].fields.filter((f) => f.required).map((f) => f.key as string);
        for await (const part of model.stream({ ...request, system: settings.systemPrompt || undefined, generation }))
          yield part.type === 'error' ? { ...part, error: withParameterHint(part.error, provider, generation, locked, required) } : part;
      } catch (error) {
        yield { type: 'error', error: { kind: 'config', message: `omni-ai could not start the request: ${(error as Error).message}` } };
      }
    },
  };
}
