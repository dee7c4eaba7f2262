import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { missingCredentials } from '../providers/missing-credentials';
import { createChatModel } from '../providers/registry';
import type { ChatModel } from '../providers/types';
import { loadSettings } from '../settings/load-settings';
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
        yield* model.stream({ ...request, system: settings.systemPrompt || undefined });
      } catch (error) {
        yield { type: 'error', error: { kind: 'config', message: `omni-ai could not start the request: ${(error as Error).message}` } };
      }
    },
  };
}
