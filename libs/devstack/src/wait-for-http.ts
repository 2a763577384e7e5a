/**
 * Polls a URL until it answers 2xx. Rejects when `timeoutMs` passes or when `abort` settles
 * first (e.g. the process that should serve the URL has exited).
 */
export async function waitForHttpOk(
  url: string,
  {
    timeoutMs,
    intervalMs = 500,
    abort,
  }: { timeoutMs: number; intervalMs?: number; abort?: Promise<unknown> },
): Promise<void> {
  let aborted = false;
  void abort?.then(() => (aborted = true));
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (aborted) throw new Error(`gave up waiting for ${url}: the process serving it has exited`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s (last: ${last})`);
}
