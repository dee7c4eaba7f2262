import { exportPKCS8, generateKeyPair } from 'jose';
import { acceptTokensSignedBy } from './auth-check';
import { startFakeVertex } from './fake-vertex';
import { startTokenServer } from './token-server';

/** A Google service-account key file as the Cloud console downloads it, signed by a fresh key pair. */
export async function serviceAccountKey(tokenUri = 'https://oauth2.googleapis.com/token'): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key = {
    type: 'service_account',
    project_id: 'omni-proj',
    private_key_id: 'k1',
    private_key: await exportPKCS8(privateKey),
    client_email: 'omni@omni-proj.iam.gserviceaccount.com',
    token_uri: tokenUri,
  };
  return JSON.stringify(key, null, 2);
}

/**
 * Vertex AI behind a real OAuth2 token endpoint (oauth2-mock-server) that takes a service account's
 * signed assertion (JWT-bearer grant), with a key whose `token_uri` points there; `fields` fill
 * omni-ai's "Google Vertex AI" form by label, in the Chromium and the Firefox harness alike.
 */
export async function startVertexWithServiceAccount({ models = ['gemini-2.5-pro'] }: { models?: string[] } = {}) {
  const tokens = await startTokenServer({ clients: {}, expiresIn: 3600 });
  const vertex = await startFakeVertex({ project: 'omni-proj', location: 'us-central1', models, credential: acceptTokensSignedBy(tokens.jwks) });
  const fields = {
    'Project ID': 'omni-proj',
    Location: 'us-central1',
    'Base URL': vertex.url,
    Models: models.join(', '),
    'Service account key': await serviceAccountKey(tokens.tokenEndpoint),
  };
  return { tokens, vertex, fields, close: () => Promise.all([tokens.close(), vertex.close()]) };
}
