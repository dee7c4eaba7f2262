import { acceptTokensSignedBy } from './auth-check';
import { startFakeAzureOpenAI } from './fake-azure-openai';
import { startTokenServer } from './token-server';

/**
 * Azure OpenAI that accepts only Entra-style tokens from a real OAuth2 token endpoint
 * (oauth2-mock-server) issued to one confidential client (client credentials); `fields` fill
 * omni-ai's "Azure OpenAI" form by label, in the Chromium and the Firefox harness alike.
 */
export async function startAzureWithClientCredentials() {
  const tokens = await startTokenServer({ clients: { 'azure-app': 'azure-secret' }, expiresIn: 3600 });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  const fields = {
    Endpoint: azure.url,
    Models: 'gpt-4o-prod',
    'Token endpoint': tokens.tokenEndpoint,
    'Client ID': 'azure-app',
    'Client secret': 'azure-secret',
  };
  return { tokens, azure, fields, close: () => Promise.all([tokens.close(), azure.close()]) };
}
