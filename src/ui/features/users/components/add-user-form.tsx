import { type FormEvent, useState } from 'react';

import type { ApiRole } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { SelectField, TextField } from '../../../components/form-fields';
import { useToast } from '../../../components/toaster';
import { ApiRequestError } from '../../../lib/api-client';
import { ROLE_LABELS } from '../../../lib/authorization';
import { useCreateUser } from '../api/create-user';

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as ApiRole[]).map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

export const ROLE_HELP =
  'Admin: everything (users, settings, master data, webhooks). Operator: run and stop feeds, go-live steps, test stores, orders and stock, replay webhook deliveries. Viewer: read only.';

export function AddUserForm() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiRole>('operator');
  const [password, setPassword] = useState('');
  const create = useCreateUser();
  const notify = useToast();

  const fieldError = (field: string) =>
    create.error instanceof ApiRequestError && create.error.field === `body.${field}`
      ? create.error.message
      : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(
      { name: name.trim(), role, password },
      {
        onSuccess: (user) => {
          notify(`${user.name} added as ${ROLE_LABELS[user.role].toLowerCase()}.`);
          setName('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="add-user-form" onSubmit={onSubmit} aria-label="Add a user" noValidate>
      <div className="field-grid">
        <TextField
          id="new-user-name"
          label="Name"
          autoComplete="off"
          value={name}
          onChange={setName}
          error={fieldError('name')}
          required
        />
        <SelectField
          id="new-user-role"
          label="Role"
          help={ROLE_HELP}
          value={role}
          onChange={(value) => setRole(value as ApiRole)}
          options={ROLE_OPTIONS}
          error={fieldError('role')}
        />
        <TextField
          id="new-user-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          help="At least 10 characters."
          value={password}
          onChange={setPassword}
          error={fieldError('password')}
          required
        />
      </div>
      {create.isError && !fieldError('name') && !fieldError('password') && !fieldError('role') && (
        <ErrorBox error={create.error} title="The user was not added" />
      )}
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        Add user
      </button>
    </form>
  );
}
