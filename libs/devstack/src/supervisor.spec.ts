import type { RestartPolicy } from './restart-policy';
import { supervise, type SupervisedChild } from './supervisor';

const policy: RestartPolicy = {
  firstDelayMs: 10,
  maxDelayMs: 40,
  stableAfterMs: 5_000,
  maxQuickFailures: 4,
};

interface FakeChild extends SupervisedChild {
  readonly pid: number;
  /** The child ends on its own, as a killed or crashed process does. */
  end(exit: number | string): void;
  readonly stop: jest.Mock<Promise<void>, []>;
}

function fakeChild(pid: number): FakeChild {
  let end: (exit: number | string) => void = () => undefined;
  const exited = new Promise<number | string>((resolve) => (end = resolve));
  return { pid, exited, end, stop: jest.fn(() => Promise.resolve(end('SIGTERM'))) };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A supervisor over fake children numbered from pid 1, and what it printed. */
function supervised(start?: () => Promise<SupervisedChild>) {
  const children = [fakeChild(1)];
  const lines: string[] = [];
  const startChild = jest.fn(
    start ??
      (() => {
        const child = fakeChild(children.length + 1);
        children.push(child);
        return Promise.resolve(child);
      }),
  );
  const supervisor = supervise(children[0] as FakeChild, {
    name: 'worker',
    start: startChild,
    log: (line) => lines.push(line),
    policy,
  });
  const child = (index: number) => children[index] as FakeChild;
  return { supervisor, child, children, lines, startChild };
}

describe('supervise', () => {
  it('starts a child that died again after the backoff, and says so', async () => {
    const { supervisor, child, children, lines } = supervised();
    child(0).end('SIGKILL');
    await until(() => children.length === 2);
    expect(lines).toEqual([
      'worker exited (signal SIGKILL); restarting in 10 ms (attempt 2)',
      'worker restarted (pid 2)',
    ]);
    // What a dead child left (a server's connections, say) is released before the next start.
    expect(child(0).stop).toHaveBeenCalled();
    await supervisor.stop();
    expect(child(1).stop).toHaveBeenCalled();
  });

  it('doubles the wait while the child keeps dying quickly', async () => {
    const { supervisor, child, children, lines } = supervised();
    child(0).end(1);
    await until(() => children.length === 2);
    child(1).end(1);
    await until(() => children.length === 3);
    expect(lines.filter((line) => line.includes('restarting'))).toEqual([
      'worker exited (code 1); restarting in 10 ms (attempt 2)',
      'worker exited (code 1); restarting in 20 ms (attempt 3)',
    ]);
    await supervisor.stop();
  });

  it('gives up after too many quick failures in a row, and says so', async () => {
    const { supervisor, child, children, startChild } = supervised();
    child(0).end(1);
    for (let i = 1; i < policy.maxQuickFailures; i += 1) {
      await until(() => children.length === i + 1);
      child(i).end(1);
    }
    await expect(supervisor.gaveUp).resolves.toBe(
      'worker exited (code 1), 4 times in a row within 5 s of starting; giving up',
    );
    expect(startChild).toHaveBeenCalledTimes(policy.maxQuickFailures - 1);
  });

  it('counts a start that throws as a quick failure and tries again', async () => {
    let calls = 0;
    const { supervisor, child, lines } = supervised(() => {
      calls += 1;
      return calls === 1
        ? Promise.reject(new Error('port 7233 is in use'))
        : Promise.resolve(fakeChild(9));
    });
    child(0).end('SIGKILL');
    await until(() => lines.includes('worker restarted (pid 9)'));
    expect(lines).toContain(
      'worker failed to start: port 7233 is in use; restarting in 20 ms (attempt 3)',
    );
    await supervisor.stop();
  });

  it('starts nothing once stopped while waiting to restart', async () => {
    const { supervisor, child, lines, startChild } = supervised();
    child(0).end('SIGKILL');
    await until(() => lines.length === 1);
    await supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 3 * policy.firstDelayMs));
    expect(startChild).not.toHaveBeenCalled();
  });

  it('stops a child whose start was under way when the stop came', async () => {
    let release: (child: SupervisedChild) => void = () => undefined;
    const late = fakeChild(7);
    const { supervisor, child, startChild } = supervised(
      () => new Promise((resolve) => (release = resolve)),
    );
    child(0).end('SIGKILL');
    await until(() => startChild.mock.calls.length === 1);
    const stopped = supervisor.stop();
    release(late);
    await stopped;
    expect(late.stop).toHaveBeenCalled();
  });

  it('leaves a child that ends after stopRestarting ended, without announcing a restart', async () => {
    const { supervisor, child, lines, startChild } = supervised();
    supervisor.stopRestarting();
    child(0).end('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 3 * policy.firstDelayMs));
    expect(startChild).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    await supervisor.stop();
  });
});
