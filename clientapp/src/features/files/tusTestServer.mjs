// A small tus 1.0.0 server for tusClient.test.ts (plain Node: the app's TypeScript has no Node types). Creation,
// HEAD, PATCH with Upload-Checksum (sha256, 460 on a mismatch), termination; Upload-File-Id on the last chunk. Knobs
// let a test refuse one PATCH as the antiforgery check would (400), refuse the completed file (422), or leave PATCHes
// from an offset unanswered (the page goes away meanwhile). It answers CORS too: jsdom keeps the document's first
// origin for XMLHttpRequest, which is not this server's.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

function metadataOf(header) {
  return Object.fromEntries(
    (header ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [key, value = ''] = pair.trim().split(' ');
        return [key, Buffer.from(value, 'base64').toString('utf8')];
      }),
  );
}

function problem(res, status, detail) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Tus-Resumable': '1.0.0' });
  res.end(JSON.stringify({ status, title: 'Refused', detail }));
}

export async function startTusServer() {
  const state = {
    uploads: new Map(),
    requests: [],
    refuseNextPatchAsAntiforgery: false,
    holdPatchesFrom: Infinity,
    refuseCompletion: null,
    onHeld: null,
  };
  const held = [];
  let tokens = 0;

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Expose-Headers', 'Location, Upload-Offset, Upload-Length, Upload-File-Id, Tus-Resumable');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, HEAD, PATCH, DELETE',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
      });
      res.end();
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url, 'http://localhost').pathname;
      const id = path.split('/').at(-1);
      state.requests.push({
        method: req.method,
        path,
        offset: req.headers['upload-offset'] ?? null,
        token: req.headers['x-xsrf-token'] ?? null,
        checksum: req.headers['upload-checksum'] ?? null,
        tusResumable: req.headers['tus-resumable'] ?? null,
      });
      if (path === '/api/auth/antiforgery') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ token: `token-${++tokens}` }));
        return;
      }
      if (req.method !== 'HEAD' && !req.headers['x-xsrf-token']) return problem(res, 400, 'No antiforgery token.');
      if (req.method === 'POST') {
        const newId = `u${state.uploads.size + 1}`;
        state.uploads.set(newId, { length: Number(req.headers['upload-length']), offset: 0, data: [], metadata: metadataOf(req.headers['upload-metadata']) });
        res.writeHead(201, { Location: `${path}/${newId}`, 'Tus-Resumable': '1.0.0' });
        res.end();
        return;
      }
      const upload = state.uploads.get(id);
      if (!upload) return problem(res, 404, 'The upload was not found.');
      if (req.method === 'HEAD') {
        res.writeHead(200, { 'Upload-Offset': String(upload.offset), 'Upload-Length': String(upload.length), 'Tus-Resumable': '1.0.0' });
        res.end();
        return;
      }
      if (req.method === 'DELETE') {
        state.uploads.delete(id);
        res.writeHead(204, { 'Tus-Resumable': '1.0.0' });
        res.end();
        return;
      }
      if (req.method !== 'PATCH') {
        res.writeHead(405);
        res.end();
        return;
      }
      if (state.refuseNextPatchAsAntiforgery) {
        state.refuseNextPatchAsAntiforgery = false;
        return problem(res, 400, 'The request is missing a valid antiforgery token (X-XSRF-TOKEN header). Reload the page and try again.');
      }
      const offset = Number(req.headers['upload-offset']);
      if (offset >= state.holdPatchesFrom) {
        held.push(res); // never answered
        state.onHeld?.();
        return;
      }
      const [algorithm, digest] = String(req.headers['upload-checksum'] ?? '').split(' ');
      if (algorithm !== 'sha256' || createHash('sha256').update(body).digest('base64') !== digest) {
        res.writeHead(460, { 'Tus-Resumable': '1.0.0' });
        res.end();
        return;
      }
      if (offset !== upload.offset) return problem(res, 409, `The upload is at ${upload.offset}, not ${offset}.`);
      upload.data.push(body);
      upload.offset += body.length;
      const headers = { 'Upload-Offset': String(upload.offset), 'Tus-Resumable': '1.0.0' };
      if (upload.offset === upload.length) {
        if (state.refuseCompletion) {
          state.uploads.delete(id);
          return problem(res, 422, state.refuseCompletion);
        }
        headers['Upload-File-Id'] = `file-${id}`;
      }
      res.writeHead(204, headers);
      res.end();
    });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    state,
    /** SHA-256 (hex) of what the server holds for an upload. */
    sha256Of(id) {
      return createHash('sha256').update(Buffer.concat(state.uploads.get(id)?.data ?? [])).digest('hex');
    },
    reset() {
      state.uploads.clear();
      state.requests.length = 0;
      state.refuseNextPatchAsAntiforgery = false;
      state.holdPatchesFrom = Infinity;
      state.refuseCompletion = null;
      state.onHeld = null;
    },
    close() {
      for (const res of held) res.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
