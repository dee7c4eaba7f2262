/**
 * Bounds one step of a benchmark: a step that never ends (a locator's `waitFor` has no timeout by
 * default, a page's promise may never resolve) fails naming the step instead of leaving the whole
 * `npm run bench` waiting with an idle browser, which is what a full run did in section 4b.
 */
export async function stepWithin<T>(ms: number, step: string, work: Promise<T>, explain?: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // What the page showed instead, when the caller can say: the error then names the cause.
      const seen = explain ? explain().catch((e: unknown) => `(could not read the page: ${String(e)})`) : Promise.resolve('');
      void seen.then((what) => reject(new Error(`bench step did not finish in ${ms / 1000} s: ${step}${what ? `\n${what}` : ''}`)));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
