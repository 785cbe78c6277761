import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/hub/index.js';
import type { ApiStore } from '../../src/server/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { asBrowser, sessionCookieOf, signIn } from './console-harness.js';
import { countingFeed, type ServerUnderTest, startTestServer, TEST_TOKEN } from './server-harness.js';

const PASSWORDS = {
  ana: 'ana-admin-password',
  olga: 'olga-operator-password',
  vic: 'vic-viewer-password',
};
const IDLE_MS = 30 * 60_000;

interface Me {
  user: { id: number | null; name: string; role: string };
  csrfToken: string | null;
  via: string;
}

describe('API: console sign-in', () => {
  describeEachEngine('sessions and tokens', (engine) => {
    // Only the sign-in side is given the manual clock: sessions must end by it, whatever the hub's clock says.
    const clock = manualClock('2026-06-01T08:00:00.000Z');
    let api: ServerUnderTest;
    let store: Store;

    beforeAll(async () => {
      api = await startTestServer(engine, {
        feeds: [countingFeed()],
        auth: { clock, sessionLifetime: { idleMs: IDLE_MS, maxMs: 8 * 60 * 60_000 } },
      });
      await api.hub.users.create({ name: 'ana', role: 'admin', password: PASSWORDS.ana });
      await api.hub.users.create({ name: 'olga', role: 'operator', password: PASSWORDS.olga });
      await api.hub.users.create({ name: 'vic', role: 'viewer', password: PASSWORDS.vic });
      await api.hub.users.create({ name: 'linky', role: 'viewer' });
      // Nothing listens there: runs start, and fail at their first request.
      store = await api.hub.stores.create({
        name: 'shop',
        url: 'http://127.0.0.1:9',
        webserviceKey: 'UNREACHABLESTOREKEY0000000000001',
      });
    });
    afterAll(async () => {
      await api.server.close();
    });

    const enabled = async (): Promise<boolean> => (await api.hub.stores.get(store.id)).settings.enabled;

    it('signs in with an HttpOnly, SameSite=Strict cookie for the whole site, and answers the user and CSRF token', async () => {
      const answer = await api.server.app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { name: 'ana', password: PASSWORDS.ana },
      });
      expect(answer.statusCode).toBe(200);
      const body = answer.json<{ user: Record<string, unknown>; csrfToken: string }>();
      expect(body.user).toMatchObject({ name: 'ana', role: 'admin', disabled: false, hasPassword: true });
      expect(body.user.lastSignInAt).not.toBeNull();
      expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
      expect(answer.body).not.toContain(PASSWORDS.ana);
      const cookie = sessionCookieOf(answer);
      expect(cookie?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
      // Plain http here: a Secure cookie would never come back.
      expect(cookie?.attributes.secure).toBeUndefined();
      expect(cookie?.value).not.toBe(body.csrfToken);

      const me = await asBrowser(
        api,
        { cookie: `pb_session=${cookie!.value}`, csrfToken: '' },
        'GET',
        '/auth/me',
      );
      expect(me.statusCode).toBe(200);
      expect(me.json<Me>()).toEqual({
        user: { id: expect.any(Number) as number, name: 'ana', role: 'admin' },
        csrfToken: body.csrfToken,
        via: 'session',
      });
      expect(api.logs.lines.some((line) => line.event === 'signed-in' && line.user === 'ana')).toBe(true);
    });

    it('marks the cookie Secure behind a trusted HTTPS proxy, and believes no one else', async () => {
      const signIn = (app: typeof api.server.app) =>
        app.inject({
          method: 'POST',
          url: '/auth/sign-in',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { name: 'vic', password: PASSWORDS.vic },
        });
      // Without trustProxy the header is anyone's to send.
      expect(sessionCookieOf(await signIn(api.server.app))?.attributes.secure).toBeUndefined();
      const proxied = await startTestServer(engine, { trustProxy: true });
      try {
        expect(sessionCookieOf(await signIn(proxied.server.app))?.attributes.secure).toBe(true);
      } finally {
        await proxied.server.close();
      }
    });

    it('refuses a wrong password with 401, logging the user name and never the password', async () => {
      const guess = 'Tr0ub4dor&3-guess';
      const answer = await api.server.app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { name: 'olga', password: guess },
        remoteAddress: '10.0.0.5',
      });
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({
        error: { code: 'sign-in-failed', message: 'Wrong user name or password.' },
      });
      expect(sessionCookieOf(answer)).toBeUndefined();
      const line = await api.logs.waitFor((candidate) => candidate.event === 'sign-in-failed');
      expect(line).toMatchObject({ user: 'olga', address: '10.0.0.5' });
      expect(api.logs.text()).not.toContain(guess);
      // The right password still works from another address.
      await signIn(api, 'olga', PASSWORDS.olga, '10.0.0.6');
    });

    it('refuses the 6th attempt after five failures with 429 and Retry-After, even with the right password', async () => {
      const attempt = (password: string) =>
        api.server.app.inject({
          method: 'POST',
          url: '/auth/sign-in',
          payload: { name: 'vic', password },
          remoteAddress: '10.0.0.7',
        });
      for (let failure = 1; failure <= 5; failure += 1) {
        expect((await attempt(`wrong-password-${failure}`)).statusCode).toBe(401);
      }
      const refused = await attempt(PASSWORDS.vic);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ error: { code: 'too-many-attempts' } });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(sessionCookieOf(refused)).toBeUndefined();
      expect(api.logs.text()).not.toContain('wrong-password-');
      // Another address is not held back by this one's guesses.
      await signIn(api, 'vic', PASSWORDS.vic, '10.0.0.8');
      // Once the window has passed, the right password works again from that address.
      clock.advance(retryAfter * 1000);
      expect((await attempt(PASSWORDS.vic)).statusCode).toBe(200);
    });

    it('refuses disabled users and users without a password, as it refuses a wrong password', async () => {
      await api.hub.users.create({ name: 'gone', role: 'admin', password: 'gone-admin-password' });
      await api.hub.users.update('gone', { disabled: true });
      for (const [name, password] of [
        ['gone', 'gone-admin-password'],
        ['linky', 'any-password-at-all'],
        ['linky', ''],
        ['nobody', 'nobody-password'],
      ] as const) {
        const answer = await api.server.app.inject({
          method: 'POST',
          url: '/auth/sign-in',
          payload: { name, password },
          remoteAddress: '10.0.1.1',
        });
        // An empty password is refused by the request's schema before anything is tried.
        expect(answer.statusCode, `${name}/${password}`).toBe(password === '' ? 400 : 401);
        expect(sessionCookieOf(answer)).toBeUndefined();
      }
    });

    it('refuses a change made with the cookie without its X-CSRF-Token, or with a wrong one, and changes nothing', async () => {
      const session = await signIn(api, 'ana', PASSWORDS.ana);
      for (const csrf of [null, '', 'not-the-token', `${session.csrfToken}x`]) {
        const answer = await asBrowser(
          api,
          session,
          'PATCH',
          '/stores/shop',
          { settings: { enabled: false } },
          csrf,
        );
        expect(answer.statusCode, `csrf ${csrf}`).toBe(403);
        expect(answer.json()).toMatchObject({ error: { code: 'csrf' } });
      }
      // Another session's token is no good either.
      const other = await signIn(api, 'ana', PASSWORDS.ana);
      const crossed = await asBrowser(
        api,
        session,
        'PATCH',
        '/stores/shop',
        { settings: { enabled: false } },
        other.csrfToken,
      );
      expect(crossed.statusCode).toBe(403);
      expect(await enabled()).toBe(true);

      const done = await asBrowser(api, session, 'PATCH', '/stores/shop', { settings: { enabled: false } });
      expect(done.statusCode).toBe(200);
      expect(done.json<ApiStore>().settings.enabled).toBe(false);
      expect(await enabled()).toBe(false);
      // Reads need no CSRF token; a bearer token needs none either.
      expect((await asBrowser(api, session, 'GET', '/stores/shop')).statusCode).toBe(200);
      expect((await api.call('PATCH', '/stores/shop', { settings: { enabled: true } })).statusCode).toBe(200);
    });

    it('signs out: the cookie is cleared and no longer opens anything', async () => {
      const session = await signIn(api, 'olga', PASSWORDS.olga);
      const out = await asBrowser(api, session, 'POST', '/auth/sign-out');
      expect(out.statusCode).toBe(204);
      const cleared = sessionCookieOf(out);
      expect(cleared?.value).toBe('');
      expect(cleared?.attributes.expires).toMatch(/1970/);
      const after = await asBrowser(api, session, 'GET', '/auth/me');
      expect(after.statusCode).toBe(401);
      expect(after.json()).toMatchObject({ error: { code: 'session-expired' } });
      expect(
        (await asBrowser(api, session, 'POST', '/stores/shop/feeds/count-products/runs')).statusCode,
      ).toBe(401);
    });

    it('ends a session left idle longer than the idle time, and keeps one in use alive', async () => {
      const idle = await signIn(api, 'vic', PASSWORDS.vic, '10.0.2.1');
      const busy = await signIn(api, 'vic', PASSWORDS.vic, '10.0.2.1');
      clock.advance(IDLE_MS - 60_000);
      expect((await asBrowser(api, busy, 'GET', '/auth/me')).statusCode).toBe(200);
      clock.advance(2 * 60_000);
      const expired = await asBrowser(api, idle, 'GET', '/auth/me');
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ error: { code: 'session-expired' } });
      // The cookie stays, so that every screen still open learns that the session ended (not "who are you").
      expect(sessionCookieOf(expired)).toBeUndefined();
      expect((await asBrowser(api, idle, 'GET', '/stores')).json()).toMatchObject({
        error: { code: 'session-expired' },
      });
      expect((await asBrowser(api, busy, 'GET', '/auth/me')).statusCode).toBe(200);
      clock.advance(IDLE_MS + 1000);
      expect((await asBrowser(api, busy, 'GET', '/auth/me')).json()).toMatchObject({
        error: { code: 'session-expired' },
      });
    });

    it('ends a session at its maximum age, however busy it is', async () => {
      const session = await signIn(api, 'vic', PASSWORDS.vic, '10.0.2.2');
      let used = 0;
      // Used every 25 minutes for 8 hours: never idle, and ended at 8 hours.
      while (used + 25 * 60_000 < 8 * 60 * 60_000) {
        clock.advance(25 * 60_000);
        used += 25 * 60_000;
        expect(
          (await asBrowser(api, session, 'GET', '/auth/me')).statusCode,
          `after ${used / 60_000} min`,
        ).toBe(200);
      }
      clock.advance(8 * 60 * 60_000 - used);
      expect((await asBrowser(api, session, 'GET', '/auth/me')).json()).toMatchObject({
        error: { code: 'session-expired' },
      });
    });

    it('signs in once with a one-time link, then sends the link to the sign-in page', async () => {
      const linky = await api.hub.users.get('linky');
      const secret = await api.hub.users.createSignInLink(linky.id, 15 * 60_000);
      const first = await api.server.app.inject({ method: 'GET', url: `/auth/link?token=${secret}` });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/#/');
      expect(first.headers['referrer-policy']).toBe('no-referrer');
      const cookie = sessionCookieOf(first);
      expect(cookie?.attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/' });
      const me = await asBrowser(
        api,
        { cookie: `pb_session=${cookie!.value}`, csrfToken: '' },
        'GET',
        '/auth/me',
      );
      expect(me.json<Me>().user).toMatchObject({ name: 'linky', role: 'viewer' });

      const again = await api.server.app.inject({ method: 'GET', url: `/auth/link?token=${secret}` });
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('/#/sign-in?link=invalid');
      expect(sessionCookieOf(again)).toBeUndefined();
      const made = await api.server.app.inject({ method: 'GET', url: '/auth/link?token=made-up' });
      expect(made.headers.location).toBe('/#/sign-in?link=invalid');
      expect(api.logs.text()).not.toContain(secret);
    });

    describe('API tokens', () => {
      let viewerToken: string;
      let operatorToken: string;
      let operatorTokenId: number;

      beforeAll(async () => {
        const vic = await signIn(api, 'vic', PASSWORDS.vic, '10.0.3.1');
        const made = await asBrowser(api, vic, 'POST', '/users/vic/tokens', { label: 'reports' });
        expect(made.statusCode).toBe(201);
        viewerToken = made.json<{ secret: string }>().secret;
        const olga = await api.call('POST', '/users/olga/tokens', { label: 'cron' });
        expect(olga.statusCode).toBe(201);
        operatorToken = olga.json<{ secret: string }>().secret;
        operatorTokenId = olga.json<{ token: { id: number } }>().token.id;
      });

      it('work as bearer tokens with the role of their user, and need no CSRF token', async () => {
        expect(viewerToken).toMatch(/^pbt_/);
        const me = await api.call('GET', '/auth/me', undefined, viewerToken);
        expect(me.json<Me>()).toEqual({
          user: { id: expect.any(Number) as number, name: 'vic', role: 'viewer' },
          csrfToken: null,
          via: 'api-token',
        });
        expect((await api.call('GET', '/stores', undefined, viewerToken)).statusCode).toBe(200);
        const refused = await api.call(
          'POST',
          '/stores/shop/feeds/count-products/runs',
          undefined,
          viewerToken,
        );
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });

        const run = await api.call(
          'POST',
          '/stores/shop/feeds/count-products/runs',
          undefined,
          operatorToken,
        );
        // The operator may run it (the store is not reachable, so the run itself fails).
        expect(run.statusCode).toBe(202);
        await api.finished(run.json<{ run: { id: number } }>().run.id);
        expect(
          (await api.call('PATCH', '/stores/shop', { settings: { enabled: false } }, operatorToken))
            .statusCode,
        ).toBe(403);
        expect(await enabled()).toBe(true);
      });

      it('stop working once revoked', async () => {
        const revoked = await api.call('DELETE', `/users/olga/tokens/${operatorTokenId}`);
        expect(revoked.statusCode).toBe(204);
        const answer = await api.call('GET', '/auth/me', undefined, operatorToken);
        expect(answer.statusCode).toBe(401);
        expect(answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
        expect((await api.call('DELETE', `/users/olga/tokens/${operatorTokenId}`)).statusCode).toBe(404);
      });

      it('stop working while their user is disabled, with the sessions of that user', async () => {
        const vic = await signIn(api, 'vic', PASSWORDS.vic, '10.0.3.2');
        expect((await api.call('PATCH', '/users/vic', { disabled: true })).statusCode).toBe(200);
        expect((await api.call('GET', '/auth/me', undefined, viewerToken)).statusCode).toBe(401);
        expect((await asBrowser(api, vic, 'GET', '/auth/me')).statusCode).toBe(401);
        expect((await api.call('PATCH', '/users/vic', { disabled: false })).statusCode).toBe(200);
        // The token comes back with the user; the session ended for good.
        expect((await api.call('GET', '/auth/me', undefined, viewerToken)).statusCode).toBe(200);
        expect((await asBrowser(api, vic, 'GET', '/auth/me')).statusCode).toBe(401);
      });

      it('leave PRESTABRIDGE_TOKEN an admin that belongs to no user', async () => {
        const me = await api.call('GET', '/auth/me');
        expect(me.json<Me>()).toEqual({
          user: { id: null, name: 'PRESTABRIDGE_TOKEN', role: 'admin' },
          csrfToken: null,
          via: 'server-token',
        });
        expect((await api.call('GET', '/users')).statusCode).toBe(200);
        expect(api.logs.text()).not.toContain(TEST_TOKEN);
        expect(api.logs.text()).not.toContain(viewerToken);
      });
    });
  });
});
