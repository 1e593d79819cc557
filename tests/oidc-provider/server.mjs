// An institution's identity provider for the tests: the real oidc-provider, with a sign-in form that accepts any
// e-mail address (the account is that address) and no consent screen. Settings come from the environment:
//   PORT (required), ISSUER (default http://localhost:PORT), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated),
//   ROGUE_KEYS=1 publishes keys other than the ones it signs with (a token "signed by the wrong key").
// Prints "oidc-provider ready <issuer>" when it listens, then "authorization {…}" for each accepted authorization request.
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
if (!port) throw new Error('PORT is required');
const issuer = process.env.ISSUER ?? `http://localhost:${port}`;

async function signingKeys() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { keys: [{ ...(await exportJWK(privateKey)), kid: `k${Math.random().toString(36).slice(2)}`, use: 'sig', alg: 'RS256' }] };
}
const jwks = await signingKeys();

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID ?? 'variantminer',
    client_secret: process.env.CLIENT_SECRET ?? 'variantminer-secret',
    redirect_uris: (process.env.REDIRECT_URIS ?? '').split(',').filter(Boolean),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks,
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  // The subject is not the address (accounts must be linked by subject): "sub-" + the address.
  findAccount: (_ctx, id) => {
    const email = id.replace(/^sub-/, '');
    return { accountId: id, claims: () => ({ sub: id, email, email_verified: true, name: email.split('@')[0] }) };
  },
  // First-party test client: every scope it asks for is granted without a consent screen.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-provider-cookie-key'] },
});

// Each accepted authorization request, for the tests to check what the application asked for (PKCE, nonce, state).
provider.on('authorization.accepted', (ctx) => console.log(`authorization ${JSON.stringify(ctx.oidc.params)}`));

const rogueJwks = process.env.ROGUE_KEYS === '1'
  ? { keys: (await signingKeys()).keys.map(({ kty, n, e, kid, use, alg }) => ({ kty, n, e, kid: jwks.keys[0].kid, use, alg })) }
  : null;

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const callback = provider.callback();
createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (rogueJwks && url.pathname === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(rogueJwks));
    }
    const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
    if (match && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><title>Test institution — sign in</title></head><body>
<h1>Test institution</h1>
<form method="post" action="/interaction/${escape(match[1])}">
<label>E-mail <input name="login" type="email" value="${escape(details.params.login_hint)}" required></label>
<button type="submit">Sign in at the institution</button>
</form></body></html>`);
    }
    if (match && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const login = new URLSearchParams(body).get('login');
      return provider.interactionFinished(req, res, { login: { accountId: `sub-${login}` } }, { mergeWithLastSubmission: false });
    }
    return callback(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
}).listen(port, () => console.log(`oidc-provider ready ${issuer}`));
