import { useState } from 'react';

import type { ApiRole, ApiUser } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { SelectInput } from '../../../components/form-fields';
import { OnOffBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import { useToast } from '../../../components/toaster';
import { ROLE_LABELS } from '../../../lib/authorization';
import { useUpdateUser } from '../api/update-user';
import { ROLE_OPTIONS } from './add-user-form';
import { UserTokens } from './user-tokens';

/** Users with their role (changed at once), enabled or not, and their API tokens on demand. */
export function UsersTable({
  users,
  me,
}: {
  readonly users: readonly ApiUser[];
  readonly me: { readonly id: number | null } | null;
}) {
  const update = useUpdateUser();
  const notify = useToast();
  const [tokensOf, setTokensOf] = useState<number | null>(null);
  const shown = users.find((user) => user.id === tokensOf);

  return (
    <>
      {update.isError && <ErrorBox error={update.error} title="The user was not changed" />}
      <TableScroll label="Users">
        <table className="stack-on-phone">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row" data-label="Name">
                  {user.name}
                  {me?.id === user.id && <span className="row-detail">you</span>}
                  {!user.hasPassword && (
                    <span className="row-detail">no password (sign-in link or token only)</span>
                  )}
                </th>
                <td data-label="Role">
                  <SelectInput
                    aria-label={`Role of ${user.name}`}
                    value={user.role}
                    options={ROLE_OPTIONS}
                    disabled={update.isPending}
                    onChange={(role) =>
                      update.mutate(
                        { user: user.name, body: { role: role as ApiRole } },
                        {
                          onSuccess: (saved) =>
                            notify(`${saved.name} is now ${ROLE_LABELS[saved.role].toLowerCase()}.`),
                        },
                      )
                    }
                  />
                </td>
                <td data-label="Status">
                  <OnOffBadge on={!user.disabled} onLabel="Active" offLabel="Disabled" />
                </td>
                <td data-label="Last sign-in">
                  <TimeAgo at={user.lastSignInAt} />
                </td>
                <td data-label="Actions" className="actions-cell">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={update.isPending}
                    onClick={() =>
                      update.mutate(
                        { user: user.name, body: { disabled: !user.disabled } },
                        {
                          onSuccess: (saved) =>
                            notify(`${saved.name} ${saved.disabled ? 'disabled' : 'enabled'}.`),
                        },
                      )
                    }
                  >
                    {user.disabled ? `Enable ${user.name}` : `Disable ${user.name}`}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={tokensOf === user.id}
                    aria-label={`API tokens of ${user.name}`}
                    onClick={() => setTokensOf(tokensOf === user.id ? null : user.id)}
                  >
                    API tokens
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {shown && <UserTokens user={shown} />}
    </>
  );
}
