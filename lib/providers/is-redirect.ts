/** The Fetch standard's redirect statuses (304 Not Modified is not one). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Whether a response fetched with `redirect: 'manual'` is a redirect that was not followed. In a
 * browser it is an opaque-redirect response (status 0, no Location header: the Fetch standard hides
 * where it points); Node's fetch hands back the 3xx itself.
 */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || REDIRECT_STATUSES.has(response.status);
}
