import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../../test/axe';
import { hiddenSample, visibleSample } from './accessFixtures';
import { AccessExplanation } from './AccessExplanation';
import { concurrencyLimit } from './api';

/** The explanation under a page heading, as a page shows it. */
function renderExplanation(explanation: Parameters<typeof AccessExplanation>[0]['explanation']) {
  return render(
    <main>
      <h1>Sample</h1>
      <h2>Access</h2>
      <AccessExplanation explanation={explanation} headingLevel={3} />
    </main>,
  );
}

/** Each item of a list, its text as assistive technology reads it (the hidden "Holds: " included). */
function itemTexts(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

describe('AccessExplanation', () => {
  it('shows why a member sees it, each link marked as holding, and what they can do with it', async () => {
    renderExplanation(visibleSample());

    expect(screen.getByText(/can see the sample/).closest('p')?.textContent).toBe('Grace Hopper (Analyst) can see the sample NA12878.');
    const chain = screen.getByRole('list', { name: 'Why they can see it' });
    expect(chain.tagName).toBe('OL');
    expect(itemTexts(chain)).toEqual([
      'Holds: Grace Hopper is a member with the role “Analyst”.',
      'Holds: They have been granted the workspace General.',
      'Holds: Their role “Analyst” may see the samples assigned to them (samples.view.assigned).',
      'Holds: The sample NA12878 is assigned to them.',
    ]);
    // The mark is an icon (hidden from assistive technology) besides the words: not colour alone.
    for (const item of within(chain).getAllByRole('listitem')) {
      expect(item.querySelector('svg.access-mark--holds')?.getAttribute('aria-hidden')).toBe('true');
      expect(within(item).getByText('Holds:', { exact: false }).className).toBe('visually-hidden');
    }

    expect(screen.getByRole('heading', { level: 3, name: 'What they can do with it' })).toBeTruthy();
    expect(itemTexts(screen.getByRole('list', { name: 'What they can do with it' }))).toEqual([
      'Assign and reassign samples and sub-analyses to users',
      'Launch analyses with a workflow',
    ]);
    expect(screen.queryByRole('heading', { name: 'What would let them see it' })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('says "Nothing beyond seeing it" when their permissions allow nothing more', () => {
    renderExplanation(visibleSample({ canAct: [] }));
    expect(screen.getByRole('heading', { level: 3, name: 'What they can do with it' })).toBeTruthy();
    expect(screen.getByText('Nothing beyond seeing it.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'What they can do with it' })).toBeNull();
  });

  it('marks the links that do not hold, and lists what would let them see it, the narrowest option first', async () => {
    renderExplanation(hiddenSample());

    expect(screen.getByText(/cannot see the sample/).closest('p')?.textContent).toBe('Ann Lee (Report Writer) cannot see the sample NA12878.');
    const chain = screen.getByRole('list', { name: 'Why they cannot see it' });
    expect(itemTexts(chain)).toEqual([
      'Holds: Ann Lee is a member with the role “Report Writer”.',
      'Does not hold: They have not been granted the workspace General.',
      'Holds: Their role “Report Writer” may see the samples assigned to them (samples.view.assigned).',
      'Does not hold: The sample NA12878 is not assigned to them.',
    ]);
    const steps = within(chain).getAllByRole('listitem');
    expect(steps[1]!.querySelector('svg.access-mark--fails')).toBeTruthy();
    expect(steps[0]!.querySelector('svg.access-mark--holds')).toBeTruthy();

    expect(screen.queryByRole('heading', { name: 'What they can do with it' })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Why they cannot see it', 'What would let them see it']);
    const options = screen.getByRole('list', { name: 'What would let them see it' });
    expect(options.tagName).toBe('OL');
    const [narrowest, wider] = within(options).getAllByRole('listitem').filter((li) => li.parentElement === options);
    expect(within(narrowest!).getByText('Option 1 — the narrowest')).toBeTruthy();
    expect(itemTexts(within(narrowest!).getByRole('list', { name: 'Option 1 — the narrowest' }))).toEqual([
      'Grant Ann Lee access to the workspace General.',
      'Assign the sample NA12878 to Ann Lee.',
    ]);
    expect(narrowest!.textContent).toContain('Who it affects: Only Ann Lee.');
    expect(itemTexts(within(wider!).getByRole('list', { name: 'Option 2' }))).toEqual([
      'Grant Ann Lee access to the workspace General.',
      'Give the role “Report Writer” the permission samples.view.all (See every sample in the workspaces one can enter).',
    ]);
    expect(wider!.textContent).toContain('Who it affects: Every member with the role “Report Writer” (4 people) gains the permission.');
    expect(await axeViolations()).toEqual([]);
  });

  it('says when no change would let them see it', () => {
    renderExplanation(hiddenSample({ wouldGrant: [] }));
    expect(screen.getByText('No change of grant, role or assignment would let them see it.')).toBeTruthy();
  });
});

describe('concurrencyLimit', () => {
  it('runs at most that many tasks at once, in order, and every task', async () => {
    const run = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(n);
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order).toHaveLength(5);
  });

  it('does not start a task whose signal was aborted while it waited', async () => {
    const run = concurrencyLimit(1);
    let release!: () => void;
    const first = run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let started = false;
    const second = run(async () => {
      started = true;
    }, controller.signal);
    controller.abort();
    // The first task starts once its slot is taken (a microtask later).
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await first;
    await expect(second).rejects.toBeTruthy();
    expect(started).toBe(false);
  });
});
