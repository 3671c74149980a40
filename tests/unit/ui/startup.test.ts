import { describe, expect, it } from 'vitest';
import { createStartupStatus } from '../../../src/ui/startup.ts';

describe('the startup status', () => {
  it('tells its listeners of each change and settles when the sample is no longer loading', async () => {
    const status = createStartupStatus();
    await status.settled(); // nothing loading: settled at once
    status.set({ sample: 'loading' });
    const seen: string[] = [];
    status.subscribe(() => seen.push(JSON.stringify(status.get().sample)));
    let settled = false;
    const waiting = status.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    status.set({ sample: 'done' });
    await waiting;
    expect(settled).toBe(true);
    expect(seen).toEqual(['"done"']);
    status.set({ sample: { failed: 'no PDF' } });
    await status.settled();
  });
});
