/**
 * Sign in with a name and a password. Says why it did not work (wrong name or password, too many
 * attempts and when to try again), why the user is here (session ended, one-time link used).
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import type { ApiUser } from '../../../api/types';
import { TextField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';

function failureText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 429 && error.retryAfterSeconds !== undefined && !/\d/.test(error.message)) {
      return `${error.message} Try again in ${Math.ceil(error.retryAfterSeconds / 60)} min.`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function SignInForm({
  linkInvalid,
  onSignedIn,
}: {
  /** `?link=invalid`: the one-time link was used or expired. */
  readonly linkInvalid: boolean;
  readonly onSignedIn: (user: ApiUser) => void;
}) {
  const auth = useAuth();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({ mutationFn: auth.signIn, onSuccess: onSignedIn });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ name: name.trim(), password });
  };

  return (
    <form className="sign-in-form" onSubmit={onSubmit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to PrestaBridge</h1>
      {auth.sessionEnded && !signIn.isError && (
        <p className="notice notice-warn" role="status">
          Your session ended — sign in again.
        </p>
      )}
      {linkInvalid && !auth.sessionEnded && !signIn.isError && (
        <p className="notice notice-warn" role="status">
          This sign-in link was already used or has expired. Sign in with your name and password, or ask for a
          new link (<code>prestabridge users link NAME</code>).
        </p>
      )}
      {signIn.isError && (
        <p className="notice notice-bad" role="alert">
          {failureText(signIn.error)}
        </p>
      )}
      <TextField
        id="sign-in-name"
        label="Name"
        autoComplete="username"
        value={name}
        onChange={setName}
        required
      />
      <TextField
        id="sign-in-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        required
      />
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={signIn.isPending}
        aria-busy={signIn.isPending}
      >
        Sign in
      </button>
    </form>
  );
}
