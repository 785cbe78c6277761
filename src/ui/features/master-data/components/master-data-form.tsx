import { type FormEvent, useState } from 'react';

import type {
  ApiAddMasterDataBody,
  ApiMasterDataKind,
  ApiMasterDataRecord,
} from '../../../api/back-office-types';
import { ErrorBox } from '../../../components/error-box';
import { SelectField, TextField } from '../../../components/form-fields';
import { useToast } from '../../../components/toaster';
import { ApiRequestError } from '../../../lib/api-client';
import { masterDataKindLabel, masterDataRecordWord } from '../api/master-data-kinds';
import { useAddMasterDataRecord, useUpdateMasterDataRecord } from '../api/save-master-data-record';

type RecordKind = NonNullable<ApiAddMasterDataBody['kind']>;

const KIND_OPTIONS: Partial<Record<ApiMasterDataKind, { value: RecordKind; label: string }[]>> = {
  locations: [
    { value: 'warehouse', label: 'Warehouse' },
    { value: 'sales', label: 'Sales' },
  ],
  accounts: [
    { value: 'ledger', label: 'Ledger' },
    { value: 'bank', label: 'Bank' },
  ],
};

/**
 * Adds a record of one kind, or edits one (`editing`): the code is fixed once created, since
 * settings and mappings name it.
 */
export function MasterDataForm({
  kind,
  families,
  editing,
  onDone,
}: {
  readonly kind: ApiMasterDataKind;
  /** For a family's parent. */
  readonly families: readonly ApiMasterDataRecord[];
  readonly editing?: ApiMasterDataRecord;
  readonly onDone?: () => void;
}) {
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [rate, setRate] = useState(editing?.rate ?? '');
  const [country, setCountry] = useState(editing?.country ?? '');
  const kindOptions = KIND_OPTIONS[kind];
  const [recordKind, setRecordKind] = useState<string>(editing?.kind ?? kindOptions?.[0]?.value ?? '');
  const [parentCode, setParentCode] = useState(editing?.parentCode ?? '');
  const add = useAddMasterDataRecord();
  const update = useUpdateMasterDataRecord();
  const mutation = editing ? update : add;
  const notify = useToast();
  const prefix = editing ? `edit-${kind}` : `new-${kind}`;

  const fieldError = (field: string) =>
    mutation.error instanceof ApiRequestError && mutation.error.field === `body.${field}`
      ? mutation.error.message
      : undefined;

  const body = (): ApiAddMasterDataBody => ({
    code: code.trim(),
    name: name.trim(),
    ...(kind === 'tax-rates'
      ? { rate: rate.trim(), country: country.trim() === '' ? null : country.trim() }
      : {}),
    ...(kindOptions ? { kind: recordKind as RecordKind } : {}),
    ...(kind === 'families' ? { parentCode: parentCode === '' ? null : parentCode } : {}),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const label = masterDataRecordWord(kind);
    if (editing) {
      const { code: _code, ...changes } = body();
      update.mutate(
        { kind, code: editing.code, body: changes },
        {
          onSuccess: (saved) => {
            notify(`${saved.name} (${saved.code}) saved.`);
            onDone?.();
          },
        },
      );
      return;
    }
    add.mutate(
      { kind, body: body() },
      {
        onSuccess: (saved) => {
          notify(`The ${label} ${saved.code} was added.`);
          setCode('');
          setName('');
          setRate('');
          setCountry('');
          onDone?.();
        },
      },
    );
  };

  const shownError =
    mutation.isError &&
    !['code', 'name', 'rate', 'country', 'kind', 'parentCode'].some((field) => fieldError(field));

  return (
    <form
      onSubmit={onSubmit}
      aria-label={editing ? `Edit ${editing.code}` : `Add to ${masterDataKindLabel(kind).toLowerCase()}`}
      noValidate
    >
      <div className="field-grid">
        {!editing && (
          <TextField
            id={`${prefix}-code`}
            label="Code"
            help="What settings and mappings name; it cannot change later."
            autoComplete="off"
            value={code}
            onChange={setCode}
            error={fieldError('code')}
            required
          />
        )}
        <TextField
          id={`${prefix}-name`}
          label="Name"
          autoComplete="off"
          value={name}
          onChange={setName}
          error={fieldError('name')}
          required
        />
        {kind === 'tax-rates' && (
          <>
            <TextField
              id={`${prefix}-rate`}
              label="Rate (%)"
              help="A decimal such as 21 or 5.5."
              inputMode="text"
              value={rate}
              onChange={setRate}
              error={fieldError('rate')}
              required
            />
            <TextField
              id={`${prefix}-country`}
              label="Country"
              help="Two-letter code; empty: any country."
              value={country}
              onChange={setCountry}
              error={fieldError('country')}
            />
          </>
        )}
        {kindOptions && (
          <SelectField
            id={`${prefix}-kind`}
            label="Kind"
            value={recordKind}
            onChange={setRecordKind}
            options={kindOptions}
            error={fieldError('kind')}
          />
        )}
        {kind === 'families' && (
          <SelectField
            id={`${prefix}-parent`}
            label="Parent family"
            emptyLabel="None (a root family)"
            value={parentCode}
            onChange={setParentCode}
            options={families
              .filter((family) => family.code !== editing?.code && family.archivedAt === null)
              .map((family) => ({ value: family.code, label: `${family.name} (${family.code})` }))}
            error={fieldError('parentCode')}
          />
        )}
      </div>
      {shownError && (
        <ErrorBox
          error={mutation.error}
          title={editing ? 'The record was not saved' : 'The record was not added'}
        />
      )}
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {editing ? 'Save' : 'Add'}
      </button>
    </form>
  );
}
