import { useChat } from '@/lib/chat/chat-store';
import { useDraftImages } from '@/lib/chat/draft-images';
import { chooseModel, offeredModelInfos, useLiveModels } from '@/lib/chat/model-lists';
import { imageRefusal } from '@/lib/providers/image-support';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';

/**
 * Why the next message may not go to the selected model because of images (those attached, or
 * those earlier in the conversation, which go again), or undefined. Said before anything is sent;
 * the worker refuses the same (model-for-run.ts).
 */
export function useImageRefusal(): string | undefined {
  const { provider, providers: configs, selectedModels } = useEffectiveSettings();
  const live = useLiveModels();
  const drafted = useDraftImages((s) => s.images.length > 0);
  const earlier = useChat((s) => s.entries.some((e) => e.images?.length));
  if (!drafted && !earlier) return undefined;
  const models = offeredModelInfos(provider, configs, live);
  const model = chooseModel(
    models.map((m) => m.id),
    selectedModels[provider],
  );
  if (!model) return undefined;
  return imageRefusal(provider, model, drafted ? 'draft' : 'conversation', models.find((m) => m.id === model)?.name);
}
