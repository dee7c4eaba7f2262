import { createLocalJWKSet, jwtVerify } from 'jose';
import { listen, readBody, sendJson } from './http-helpers';

export interface AzureRequestRecord {
  path: string;
  apiVersion: string | null;
  bearer?: string;
  body: Record<string, unknown>;
}

/**
 * Azure OpenAI's data plane as omni-ai sees it: /openai/deployments/{name}/chat/completions with an
 * api-version, accepting Entra-style bearer tokens it verifies against the token server's keys, or
 * an `api-key` header. Errors come in Azure's shape ({ error: { code, message } }).
 */
export async function startFakeAzureOpenAI(options: { deployments: string[]; jwks: () => { keys: object[] }; apiKey?: string }) {
  const requests: AzureRequestRecord[] = [];
  const server = await listen(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const raw = await readBody(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const record: AzureRequestRecord = {
      path: url.pathname,
      apiVersion: url.searchParams.get('api-version'),
      bearer,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
    };
    requests.push(record);

    if (!record.apiVersion)
      return sendJson(res, 404, { error: { code: '404', message: 'Resource not found' } });
    if (bearer) {
      try {
        await jwtVerify(bearer, createLocalJWKSet(options.jwks() as Parameters<typeof createLocalJWKSet>[0]));
      } catch {
        return sendJson(res, 401, {
          error: { code: '401', message: 'Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.' },
        });
      }
    } else if (!options.apiKey || req.headers['api-key'] !== options.apiKey) {
      return sendJson(res, 401, {
        error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' },
      });
    }
    const match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
    if (!match || !options.deployments.includes(decodeURIComponent(match[1]!)))
      return sendJson(res, 404, {
        error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' },
      });
    sendJson(res, 200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model: 'gpt-4o-2024-11-20',
      choices: [{ index: 0, finish_reason: 'length', message: { role: 'assistant', content: 'P' } }],
      usage: { prompt_tokens: 8, completion_tokens: 1, total_tokens: 9 },
    });
  });
  return { ...server, requests };
}
