import { useState } from 'react';

import { ErrorBox } from '../../../components/error-box';
import { CheckboxField, SelectField } from '../../../components/form-fields';
import { useSetOrderState } from '../api/order-actions';
import type { ApiOrder, ApiSetOrderStateAnswer } from '../api/order-types';

/** Set state: one of the store's live order states, written through the store's order history. */
export function SetStateForm({
  order,
  states,
  defaultSendEmail,
  onDone,
}: {
  readonly order: ApiOrder;
  readonly states: readonly { readonly id: number; readonly name: string }[];
  /** The store's orderStateEmails setting. */
  readonly defaultSendEmail: boolean;
  readonly onDone: (answer: ApiSetOrderStateAnswer) => void;
}) {
  const [state, setState] = useState('');
  const [sendEmail, setSendEmail] = useState(defaultSendEmail);
  const set = useSetOrderState();
  return (
    <form
      className="inline-form"
      aria-label="Set state"
      onSubmit={(event) => {
        event.preventDefault();
        if (state) set.mutate({ id: order.id, state: Number(state), sendEmail }, { onSuccess: onDone });
      }}
    >
      <SelectField
        id="order-new-state"
        label="New store state"
        value={state}
        onChange={setState}
        options={states
          .filter((entry) => entry.id !== order.storeStateId)
          .map((entry) => ({ value: String(entry.id), label: entry.name }))}
        emptyLabel="Choose a state"
      />
      <CheckboxField
        id="order-state-email"
        label="E-mail the customer"
        checked={sendEmail}
        onChange={setSendEmail}
      />
      <div className="inline-actions">
        <button type="submit" className="button" disabled={!state || set.isPending}>
          {set.isPending ? 'Setting…' : 'Set state'}
        </button>
      </div>
      {set.isError && <ErrorBox error={set.error} title="The state was not changed" />}
    </form>
  );
}
