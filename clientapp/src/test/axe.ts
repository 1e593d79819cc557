import axe from 'axe-core';
import { vi } from 'vitest';

// The rules the browser e2e runs (e2e/harness.mjs, checkAccessibility), here on jsdom: what jsdom can compute. Colour
// contrast needs a rendering engine (the e2e checks it); the test's location probe is not part of the app.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The axe-core violations of the document (or of `include`, e.g. '[role="dialog"]'), one line each: rule, impact, targets. */
export async function axeViolations(include?: string): Promise<string[]> {
  // jsdom has no canvas (axe probes it for icon fonts): answer "none" rather than print jsdom's "not implemented".
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  const context = { include: [include ?? 'body'], exclude: ['[data-testid="location"]'] };
  const results = await axe.run(context, {
    runOnly: { type: 'tag', values: TAGS },
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
