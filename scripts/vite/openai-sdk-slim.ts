import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * The openai SDK's resources omni-ai calls; every other one is left out of the build. Why these:
 * - `Chat`: `client.chat.completions.create` streams every OpenAI, Azure OpenAI and
 *   OpenAI-compatible answer (lib/providers/openai-chat-stream.ts);
 * - `Models`: `client.models.list` fills the model picker (lib/providers/openai.ts,
 *   openai-compatible.ts).
 * `AzureOpenAI` is the same client with Azure's URLs and headers, so it needs nothing more. To call
 * another resource (`client.responses`, `client.files`, ...), add its class name here.
 */
export const KEPT_OPENAI_RESOURCES: readonly string[] = ['Chat', 'Models'];

const PLUGIN = 'omni-ai:openai-sdk-slim';
const WHERE = 'KEPT_OPENAI_RESOURCES in scripts/vite/openai-sdk-slim.ts';

/** A resource of the client: `this.<property> = new API.<className>(this)`, from `./<module>` (relative to client.mjs). */
export interface OpenAIResource {
  className: string;
  property: string;
  module: string;
}

/**
 * The resources the SDK's client.mjs constructs, read from its source. Throws (failing the build)
 * when the file is not shaped as this plugin expects, so an SDK update that moves things around is
 * noticed rather than quietly bundling everything again or stubbing what omni-ai calls.
 */
export function openaiResources(clientSource: string): OpenAIResource[] {
  const modules = new Map<string, string>();
  for (const [, names, module] of clientSource.matchAll(/^import \{([^}]*)\} from "\.\/(resources\/[^"]+\.mjs)";$/gm)) {
    for (const name of names!.split(',')) {
      const exported = name.trim().split(/\s+as\s+/)[0];
      if (exported) modules.set(exported, module!);
    }
  }
  const resources: OpenAIResource[] = [];
  for (const [, property, className] of clientSource.matchAll(/^\s*this\.(\w+) = new API\.(\w+)\(this\);$/gm)) {
    const module = modules.get(className!);
    if (!module) throw new Error(`${PLUGIN}: openai's client.mjs constructs API.${className} but imports it from no ./resources module; check the SDK's version`);
    resources.push({ className: className!, property: property!, module });
  }
  const missing = KEPT_OPENAI_RESOURCES.filter((kept) => !resources.some((r) => r.className === kept));
  if (missing.length > 0 || resources.length < 10)
    throw new Error(`${PLUGIN}: openai's client.mjs no longer constructs its resources as \`this.x = new API.X(this)\` (found ${resources.length}; kept ones missing: ${missing.join(', ') || 'none'}); check the SDK's version and ${WHERE}`);
  return resources;
}

/**
 * What a resource's module becomes: a class of the same name, so the client still constructs it,
 * whose instances throw on any use, naming the resource and where to bring it back.
 */
export function stubModule(resource: OpenAIResource): string {
  const message = `omni-ai: the openai SDK's \`client.${resource.property}\` (${resource.className}) is left out of this build; add '${resource.className}' to ${WHERE} to use it`;
  return `const message = ${JSON.stringify(message)};
export class ${resource.className} {
  constructor() {
    return new Proxy(this, {
      get(target, key, receiver) {
        // What inspection and promise resolution read of any object; only a call into the resource throws.
        if (typeof key === 'symbol' || key === 'then' || key === 'toJSON' || key === 'constructor') return Reflect.get(target, key, receiver);
        throw new Error(message);
      },
    });
  }
}
`;
}

const OPENAI_MODULE = /^(.*[\\/]node_modules[\\/]openai[\\/])(.+)$/;

/**
 * The openai SDK is 394 KB, and a cold Send's `importScripts` of it costs 7 to 9 ms, mostly reading
 * and deserialising its code cache, which grows with the script (bench/NOTES.md "A cold worker",
 * session 11). About half of it is resources omni-ai never calls (admin, beta, responses, ...)
 * and the helpers only they import. Here each resource's module not in KEPT_OPENAI_RESOURCES is
 * replaced by a stub (stubModule), so its whole subtree drops out of the bundle. Only the openai
 * package's own modules are touched, and only entrypoints/openai-sdk.ts imports them at run time.
 * The build fails if client.mjs is not shaped as expected (openaiResources), or if a resource to
 * stub was never loaded (it moved, or something else imports it first under another path).
 */
export function openaiSdkSlim(): Plugin {
  // Per copy of the package (its root directory): resource module path → resource, and what was stubbed.
  const stubs = new Map<string, Map<string, OpenAIResource>>();
  const stubbed = new Set<string>();

  const stubsFor = (root: string) => {
    let byPath = stubs.get(root);
    if (!byPath) {
      const resources = openaiResources(fs.readFileSync(path.join(root, 'client.mjs'), 'utf8'));
      byPath = new Map(resources.filter((r) => !KEPT_OPENAI_RESOURCES.includes(r.className)).map((r) => [path.join(root, r.module), r]));
      stubs.set(root, byPath);
    }
    return byPath;
  };

  return {
    name: PLUGIN,
    buildStart() {
      stubs.clear();
      stubbed.clear();
    },
    load(id) {
      const match = OPENAI_MODULE.exec(id.split('?')[0]!);
      if (!match) return;
      const [, root, file] = match;
      const resource = stubsFor(root!).get(path.join(root!, file!));
      if (!resource) return;
      stubbed.add(path.join(root!, file!));
      return { code: stubModule(resource), map: null };
    },
    buildEnd(error) {
      if (error) return;
      for (const byPath of stubs.values()) {
        const notLoaded = [...byPath.keys()].filter((file) => !stubbed.has(file));
        if (notLoaded.length > 0) throw new Error(`${PLUGIN}: the openai SDK was bundled but these resource modules were never loaded to be stubbed: ${notLoaded.join(', ')}; check the SDK's version`);
      }
    },
  };
}
