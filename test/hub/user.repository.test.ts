import { beforeAll, describe, expect, it } from 'vitest';

import {
  AlreadyExistsError,
  type Hub,
  InvalidRecordError,
  LastAdminError,
  NotFoundError,
  roleAllows,
} from '../../src/hub/index.js';
import { hashPassword, verifyPassword } from '../../src/hub/password-hash.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

const PASSWORD = 'correct horse battery';
const LIFETIME = { idleMs: 60 * 60_000, maxMs: 3 * 60 * 60_000 };

describe('password hashes', () => {
  it('match the password they were made from, and no other', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('correct horse batterz', hash)).toBe(false);
    // Two hashes of one password differ (salted).
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
  });

  it('refuse malformed hashes instead of throwing', async () => {
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$99$8$1$AA$AA')).toBe(false);
  });
});

describe('roles', () => {
  it('nest: admin can do what operator can, operator what viewer can', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('operator', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'operator')).toBe(false);
  });
});

describeEachEngine('users', (engine) => {
  const clock = manualClock('2026-12-01T10:00:00.000Z');
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
  });

  it('creates users, refuses a taken name, a bad role and a short password', async () => {
    expect(await hub.users.count()).toBe(0);
    const ana = await hub.users.create({ name: 'ana', role: 'admin', password: PASSWORD });
    expect(ana).toMatchObject({ name: 'ana', role: 'admin', disabled: false, hasPassword: true });
    await expect(hub.users.create({ name: 'ana', role: 'viewer', password: PASSWORD })).rejects.toThrow(
      AlreadyExistsError,
    );
    await expect(
      hub.users.create({ name: 'bob', role: 'boss' as 'admin', password: PASSWORD }),
    ).rejects.toThrow(/Role 'boss' is not one of viewer, operator, admin/);
    await expect(hub.users.create({ name: 'bob', role: 'viewer', password: 'short' })).rejects.toThrow(
      /at least 10 characters/,
    );
    await expect(hub.users.create({ name: 'no spaces', role: 'viewer' })).rejects.toThrow(InvalidRecordError);
    const linkOnly = await hub.users.create({ name: 'demo', role: 'operator' });
    expect(linkOnly.hasPassword).toBe(false);
    expect((await hub.users.list()).map((user) => user.name)).toEqual(['ana', 'demo']);
  });

  it('authenticates with the right password only, never a user without one or a disabled one', async () => {
    expect(await hub.users.authenticate('ana', PASSWORD)).toMatchObject({
      name: 'ana',
      lastSignInAt: clock().toISOString(),
    });
    expect(await hub.users.authenticate('ana', 'wrong password')).toBeUndefined();
    expect(await hub.users.authenticate('nobody', PASSWORD)).toBeUndefined();
    expect(await hub.users.authenticate('demo', '')).toBeUndefined();
    await hub.users.create({ name: 'carl', role: 'viewer', password: PASSWORD });
    await hub.users.update('carl', { disabled: true });
    expect(await hub.users.authenticate('carl', PASSWORD)).toBeUndefined();
    await hub.users.update('carl', { disabled: false });
    expect(await hub.users.authenticate('carl', PASSWORD)).toBeDefined();
  });

  it('never demotes or disables the last enabled admin', async () => {
    await expect(hub.users.update('ana', { role: 'viewer' })).rejects.toThrow(LastAdminError);
    await expect(hub.users.update('ana', { disabled: true })).rejects.toThrow(/last enabled admin/);
    await hub.users.update('carl', { role: 'admin' });
    expect((await hub.users.update('ana', { role: 'operator' })).role).toBe('operator');
    await hub.users.update('ana', { role: 'admin' });
    await hub.users.update('carl', { role: 'viewer' });
    await expect(hub.users.update('nobody', { role: 'viewer' })).rejects.toThrow(NotFoundError);
  });

  it('keeps sessions alive while used, ends them when idle, at their maximum age, on sign-out or disable', async () => {
    const ana = await hub.users.get('ana');
    const session = await hub.users.createSession(ana.id, LIFETIME);
    expect(session.secret).not.toBe(session.csrfToken);
    expect(await hub.users.session(session.secret, LIFETIME)).toMatchObject({
      user: { name: 'ana' },
      csrfToken: session.csrfToken,
    });
    expect(await hub.users.session('not-a-session', LIFETIME)).toBeUndefined();

    // Used every 50 minutes, it outlives its first hour, but not its three-hour maximum.
    for (let minutes = 50; minutes < 180; minutes += 50) {
      clock.advance(50 * 60_000);
      expect(await hub.users.session(session.secret, LIFETIME)).toBeDefined();
    }
    clock.advance(40 * 60_000);
    expect(await hub.users.session(session.secret, LIFETIME)).toBeUndefined();

    const idle = await hub.users.createSession(ana.id, LIFETIME);
    clock.advance(61 * 60_000);
    expect(await hub.users.session(idle.secret, LIFETIME)).toBeUndefined();

    const signedOut = await hub.users.createSession(ana.id, LIFETIME);
    expect(await hub.users.endSession(signedOut.secret)).toBe(true);
    expect(await hub.users.session(signedOut.secret, LIFETIME)).toBeUndefined();

    const carl = await hub.users.get('carl');
    const carlSession = await hub.users.createSession(carl.id, LIFETIME);
    await hub.users.update('carl', { disabled: true });
    expect(await hub.users.session(carlSession.secret, LIFETIME)).toBeUndefined();
    await hub.users.update('carl', { disabled: false });
  });

  it('issues API tokens shown once, finds their user, forgets revoked ones', async () => {
    const ana = await hub.users.get('ana');
    const { token, secret } = await hub.users.createToken(ana.id, 'nightly export');
    expect(secret).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ label: 'nightly export', lastUsedAt: null, revokedAt: null });
    expect(await hub.users.userForToken(secret)).toMatchObject({ name: 'ana', role: 'admin' });
    expect((await hub.users.tokens(ana.id))[0]?.lastUsedAt).toBe(clock().toISOString());
    expect(await hub.users.userForToken(`${secret}x`)).toBeUndefined();
    await expect(hub.users.createToken(ana.id, '  ')).rejects.toThrow(/needs a label/);
    expect(await hub.users.revokeToken(ana.id, token.id)).toBe(true);
    expect(await hub.users.revokeToken(ana.id, token.id)).toBe(false);
    expect(await hub.users.userForToken(secret)).toBeUndefined();
  });

  it('signs in through a link once, and not after it expired', async () => {
    const demo = await hub.users.get('demo');
    const link = await hub.users.createSignInLink(demo.id, 15 * 60_000);
    const [first, second] = await Promise.all([
      hub.users.consumeSignInLink(link),
      hub.users.consumeSignInLink(link),
    ]);
    expect([first?.name, second?.name].filter(Boolean)).toEqual(['demo']);
    expect(await hub.users.consumeSignInLink(link)).toBeUndefined();

    const late = await hub.users.createSignInLink(demo.id, 15 * 60_000);
    clock.advance(16 * 60_000);
    expect(await hub.users.consumeSignInLink(late)).toBeUndefined();
  });
});
