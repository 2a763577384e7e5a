/**
 * Polls a URL until it answers 2xx. Rejects when `timeoutMs` passes, or with the abort reason as
 * soon as `signal` aborts (e.g. the process that should serve the URL has exited).
 */
export async function waitForHttpOk(
  url: string,
  {
    timeoutMs,
    intervalMs = 500,
    signal,
  }: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
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
