import { beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine, type EngineUnderTest } from '../support/databases.js';
import { hubEnv, runCli } from './hub-cli-harness.js';

const PASSWORD = 'a long enough password';

/** `prestabridge ARGS` with `secrets` as what the user types (or pipes) when asked. */
function usersCli(engine: EngineUnderTest, args: readonly string[], secrets: readonly string[] = []) {
  return runCli(engine, args, { io: captureIo(hubEnv(engine), secrets) });
}

describeEachEngine('prestabridge users', (engine) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub();
  });

  it('adds users with a password read from stdin, or none, and lists them', async () => {
    const added = await usersCli(engine, ['users', 'add', 'ana', '--role', 'admin'], [PASSWORD]);
    expect(added).toMatchObject({ code: 0, out: 'User ana added (admin).\n' });
    expect(added.err).toContain('Password for ana');
    expect(added.out + added.err).not.toContain(PASSWORD);
    expect(await hub.users.authenticate('ana', PASSWORD)).toMatchObject({ name: 'ana' });

    const linkOnly = await usersCli(engine, ['users', 'add', 'kiosk', '--role', 'viewer', '--no-password']);
    expect(linkOnly.out).toContain('`prestabridge users link kiosk` makes a sign-in link');

    const listed = await usersCli(engine, ['users', 'list']);
    expect(listed.out).toMatch(/ana\s+admin\s+enabled/);
    expect(listed.out).toMatch(/kiosk\s+viewer\s+enabled\s+never/);
  });

  it('refuses a short password, an unknown role and a taken name, changing nothing', async () => {
    const short = await usersCli(engine, ['users', 'add', 'bob', '--role', 'viewer'], ['short']);
    expect(short).toMatchObject({ code: 2 });
    expect(short.err).toContain('at least 10 characters');
    const role = await usersCli(engine, ['users', 'add', 'bob', '--role', 'boss'], [PASSWORD]);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/Allowed choices are viewer, operator, admin/);
    const taken = await usersCli(engine, ['users', 'add', 'ana', '--role', 'viewer'], [PASSWORD]);
    expect(taken.code).toBe(1);
    expect(taken.err).toContain("A user named 'ana' already exists");
    expect((await hub.users.list()).map((user) => user.name)).toEqual(['ana', 'kiosk']);
  });

  it('changes roles and passwords, disables and enables, and keeps the last admin', async () => {
    expect((await usersCli(engine, ['users', 'set', 'kiosk', '--role', 'operator'])).out).toBe(
      'User kiosk: operator, enabled.\n',
    );
    const lastAdmin = await usersCli(engine, ['users', 'set', 'ana', '--disable']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.err).toContain("'ana' is the last enabled admin");
    expect((await usersCli(engine, ['users', 'set', 'kiosk', '--disable'])).out).toContain('disabled');
    expect((await hub.users.get('kiosk')).disabled).toBe(true);
    expect((await usersCli(engine, ['users', 'set', 'kiosk', '--enable'])).out).toContain('enabled');
    const nothing = await usersCli(engine, ['users', 'set', 'kiosk']);
    expect(nothing.code).toBe(2);
    const password = await usersCli(
      engine,
      ['users', 'set', 'kiosk', '--password'],
      ['another long password'],
    );
    expect(password.code).toBe(0);
    expect(await hub.users.authenticate('kiosk', 'another long password')).toBeDefined();
  });

  it('prints an API token once, lists tokens without secrets, and revokes them', async () => {
    const made = await usersCli(engine, ['users', 'token', 'ana', '--label', 'nightly export']);
    expect(made.code).toBe(0);
    const secret = made.out.trim();
    expect(secret).toMatch(/^pbt_/);
    expect(made.err).toContain('It is shown once');
    expect(await hub.users.userForToken(secret)).toMatchObject({ name: 'ana', role: 'admin' });

    const listed = await usersCli(engine, ['users', 'tokens', 'ana']);
    expect(listed.out).toContain('nightly export');
    expect(listed.out).not.toContain(secret);

    const [token] = await hub.users.tokens((await hub.users.get('ana')).id);
    expect((await usersCli(engine, ['users', 'revoke-token', 'ana', String(token!.id)])).code).toBe(0);
    expect(await hub.users.userForToken(secret)).toBeUndefined();
    expect((await usersCli(engine, ['users', 'revoke-token', 'ana', String(token!.id)])).code).toBe(1);
  });

  it('prints a one-time sign-in link for the console', async () => {
    const link = await usersCli(engine, ['users', 'link', 'kiosk', '--url', 'http://hub.example:9000/']);
    expect(link.code).toBe(0);
    const url = new URL(link.out.trim());
    expect(`${url.origin}${url.pathname}`).toBe('http://hub.example:9000/auth/link');
    const secret = url.searchParams.get('token')!;
    expect(await hub.users.consumeSignInLink(secret)).toMatchObject({ name: 'kiosk' });
    expect(await hub.users.consumeSignInLink(secret)).toBeUndefined();
    expect((await usersCli(engine, ['users', 'link', 'nobody'])).err).toContain("No user named 'nobody'");
  });
});
