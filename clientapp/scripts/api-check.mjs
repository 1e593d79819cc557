// Fails when src/api/schema.ts is not what `npm run api:generate` would produce from openapi/v1.json.
// Regenerates into a temporary file with the same CLI and compares (line endings normalised).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'openapi', 'v1.json');
const committed = join(root, 'src', 'api', 'schema.ts');
const stale = 'generated API client is stale: run npm run api:generate';

const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');

const dir = mkdtempSync(join(tmpdir(), 'vm-api-check-'));
try {
  const out = join(dir, 'schema.ts');
  const run = spawnSync(process.execPath, [cli, spec, '-o', out], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error('api:check: openapi-typescript failed on openapi/v1.json');
    process.exit(2);
  }
  if (!existsSync(committed)) {
    console.error(`${stale} (src/api/schema.ts is missing)`);
    process.exit(1);
  }
  const normalise = (s) => s.replace(/\r\n/g, '\n');
  const expected = normalise(readFileSync(out, 'utf8'));
  const actual = normalise(readFileSync(committed, 'utf8'));
  if (expected !== actual) {
    const a = actual.split('\n');
    const e = expected.split('\n');
    const line = e.findIndex((l, i) => l !== a[i]);
    console.error(stale);
    console.error(`  first difference at src/api/schema.ts line ${line + 1}:`);
    console.error(`    committed: ${JSON.stringify(a[line] ?? '<end of file>')}`);
    console.error(`    expected:  ${JSON.stringify(e[line] ?? '<end of file>')}`);
    process.exit(1);
  }
  console.log('api:check: src/api/schema.ts is up to date with openapi/v1.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
