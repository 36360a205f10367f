export interface EventuallyOptions {
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Pause between tries (default 100 ms). */
  interval?: number;
  /** What is awaited, for the error message. */
  what?: string;
}

type Ready<T> = Exclude<T, null | undefined | false>;

/**
 * Polls `fn` until it is ready, for things that happen after the answer (the mail worker, a
 * scheduler, another process). `fn` is ready when it returns without throwing a value other than
 * `null`, `undefined` or `false`: a probe returns the row once it exists, an assertion block ends
 * with `return true`. Resolves with that value; after `timeout` rejects with the last failure.
 */
export async function eventually<T>(fn: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Ready<T>> {
  const { timeout = 20_000, interval = 100, what = 'a condition' } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    let last: unknown;
    try {
      const value = await fn();
      if (value !== null && value !== undefined && value !== false) return value as Ready<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : `last result: ${String(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; ${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}
