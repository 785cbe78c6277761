/**
 * A user's API tokens, for scripts: create one (its secret is shown once, here), revoke one.
 */
import { type FormEvent, useState } from 'react';

import type { ApiApiToken, ApiUser } from '../../../api/types';
import { Dialog } from '../../../components/dialog';
import { ErrorBox } from '../../../components/error-box';
import { TextField } from '../../../components/form-fields';
import { Loading } from '../../../components/loading';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import { useToast } from '../../../components/toaster';
import { useCreateUserToken } from '../api/create-user-token';
import { useUserTokens } from '../api/get-user-tokens';
import { useRevokeUserToken } from '../api/revoke-user-token';

export function UserTokens({ user }: { readonly user: ApiUser }) {
  const tokens = useUserTokens(user.name);
  const create = useCreateUserToken();
  const revoke = useRevokeUserToken();
  const notify = useToast();
  const [label, setLabel] = useState('');
  const [revoking, setRevoking] = useState<ApiApiToken | null>(null);

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({ user: user.name, label: label.trim() }, { onSuccess: () => setLabel('') });
  };

  return (
    <section className="user-tokens" aria-label={`API tokens of ${user.name}`}>
      <h3>API tokens of {user.name}</h3>
      {tokens.isPending && <Loading />}
      {tokens.isError && <ErrorBox error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.items.length === 0 && <p className="muted">No tokens yet.</p>}
      {tokens.data && tokens.data.items.length > 0 && (
        <TableScroll label={`Tokens of ${user.name}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.label}</th>
                  <td>
                    <TimeAgo at={token.createdAt} />
                  </td>
                  <td>
                    <TimeAgo at={token.lastUsedAt} />
                  </td>
                  <td>
                    {token.revokedAt ? (
                      <span className="muted">
                        Revoked <TimeAgo at={token.revokedAt} />
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={`Revoke ${token.label}`}
                        onClick={() => setRevoking(token)}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <form className="inline-form" onSubmit={onCreate} aria-label={`New token for ${user.name}`}>
        <TextField
          id={`token-label-${user.id}`}
          label="Label of a new token"
          placeholder="nightly export script"
          value={label}
          onChange={setLabel}
        />
        <button type="submit" className="button" disabled={create.isPending || label.trim() === ''}>
          Create token
        </button>
      </form>
      {create.isError && <ErrorBox error={create.error} title="The token was not created" />}
      {create.data && (
        <div className="notice notice-warn secret-box" role="status">
          <p className="notice-title">Token “{create.data.token.label}” created — copy its secret now</p>
          <p>It is shown only this once. Scripts send it as: Authorization: Bearer &lt;secret&gt;.</p>
          <p>
            <label htmlFor={`token-secret-${user.id}`}>Secret</label>
            <input
              id={`token-secret-${user.id}`}
              className="secret"
              readOnly
              value={create.data.secret}
              onFocus={(event) => event.target.select()}
            />
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              const secret = create.data.secret;
              void navigator.clipboard
                ?.writeText(secret)
                .then(() => notify('Secret copied.'))
                .catch(() => notify('Copy failed: select the secret and copy it.', 'bad'));
            }}
          >
            Copy secret
          </button>{' '}
          <button type="button" className="button" onClick={() => create.reset()}>
            I have copied it
          </button>
        </div>
      )}
      {revoking && (
        <Dialog title={`Revoke ${revoking.label}?`} onClose={() => setRevoking(null)}>
          <p>Scripts using this token stop working at once.</p>
          {revoke.isError && <ErrorBox error={revoke.error} title="The token was not revoked" />}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setRevoking(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={revoke.isPending}
              onClick={() =>
                revoke.mutate(
                  { user: user.name, token: revoking.id },
                  {
                    onSuccess: () => {
                      notify(`${revoking.label} revoked.`);
                      setRevoking(null);
                    },
                  },
                )
              }
            >
              Revoke token
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
