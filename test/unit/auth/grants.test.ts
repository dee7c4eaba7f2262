import '../providers/sdks-registered';
import { decodeProtectedHeader, exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, clientCredentialsRequest } from '@/lib/auth/grants/client-credentials';
import { JWT_BEARER_GRANT, jwtBearerRequest } from '@/lib/auth/grants/jwt-bearer';

const base = {
  grant: 'client_credentials' as const,
  tokenEndpoint: 'https://idp.example.com/token',
  clientId: 'client id/ä',
  clientSecret: 'p@ss:w+rd~=',
  scope: 'api://omni/.default',
  audience: '',
  resource: '',
};

describe('client credentials', () => {
  it('form-urlencodes client ID and secret before base64 for HTTP Basic (RFC 6749 §2.3.1)', () => {
    const header = basicAuthorization(base.clientId, base.clientSecret);
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded).toBe('client+id%2F%C3%A4:p%40ss%3Aw%2Brd%7E%3D');
    // Decoding each half back gives the original values: exactly what a strict server does.
    const [id, secret] = decoded.split(':').map((part) => new URLSearchParams(`v=${part}`).get('v'));
    expect([id, secret]).toEqual([base.clientId, base.clientSecret]);
  });

  it('sends the secret in the Authorization header, not the body, with "basic"', () => {
    const req = clientCredentialsRequest({ ...base, clientAuth: 'basic' });
    expect(req.headers?.authorization).toMatch(/^Basic /);
    expect(Object.fromEntries(req.body)).toEqual({ grant_type: 'client_credentials', scope: 'api://omni/.default' });
  });

  it('sends client_id and client_secret in the body, and no Authorization header, with "body"', () => {
    const req = clientCredentialsRequest({ ...base, clientAuth: 'body', audience: 'https://api.example', resource: 'r' });
    expect(req.headers?.authorization).toBeUndefined();
    expect(Object.fromEntries(req.body)).toEqual({
      grant_type: 'client_credentials',
      scope: 'api://omni/.default',
      audience: 'https://api.example',
      resource: 'r',
      client_id: 'client id/ä',
      client_secret: 'p@ss:w+rd~=',
    });
  });

  it('leaves out empty optional parameters', () => {
    const req = clientCredentialsRequest({ ...base, clientAuth: 'basic', scope: '' });
    expect([...req.body.keys()]).toEqual(['grant_type']);
  });
});

describe('JWT-bearer assertion from a service-account key', () => {
  it('is an RS256 JWT that verifies with the key’s public half and carries Google’s claims', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const now = 1_795_000_000;
    const req = await jwtBearerRequest(
      {
        grant: 'jwt-bearer',
        tokenEndpoint: 'https://oauth2.googleapis.com/token',
        clientEmail: 'omni@proj.iam.gserviceaccount.com',
        privateKey: pem,
        privateKeyId: 'key-1',
        scope: 'https://www.googleapis.com/auth/cloud-platform',
      },
      now,
    );
    expect(req.body.get('grant_type')).toBe(JWT_BEARER_GRANT);
    const assertion = req.body.get('assertion')!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });

    const verifyKey = await importSPKI(await exportSPKI(publicKey), 'RS256');
    const { payload } = await jwtVerify(assertion, verifyKey, { currentDate: new Date(now * 1000) });
    expect(payload).toEqual({
      iss: 'omni@proj.iam.gserviceaccount.com',
      sub: 'omni@proj.iam.gserviceaccount.com',
      aud: 'https://oauth2.googleapis.com/token',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      iat: now,
      exp: now + 3600,
    });
    // A different key does not verify it.
    const other = await generateKeyPair('RS256');
    await expect(jwtVerify(assertion, other.publicKey, { currentDate: new Date(now * 1000) })).rejects.toThrow();
    expect(req.secrets).toContain(pem);
  });
});
