/** How long a one-time sign-in link (`users link`, `npm start`) works. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

/** The address that signs in with a one-time link's secret. */
export function signInLink(baseUrl: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/auth/link?token=${encodeURIComponent(secret)}`;
}
