import { Decimal, type Invoice, type JournalLineInput, type StoreSettings } from '../../hub/index.js';

/** The accounts and journals of a store's `journal.*` settings, complete. */
export interface JournalAccounts {
  readonly receivable: string;
  readonly sales: string;
  readonly tax: string;
  readonly bank: string | null;
  readonly salesJournal: string;
  readonly bankJournal: string;
  readonly familyAccounts: Readonly<Record<string, string>>;
  readonly taxAccounts: Readonly<Record<string, string>>;
  readonly paymentAccounts: Readonly<Record<string, string>>;
}

/**
 * The store's journal accounts, or what is missing (with the command that sets it). A bank account
 * is only needed for payment methods that have none of their own: that is checked per payment.
 */
export function journalAccounts(
  storeName: string,
  journal: StoreSettings['journal'],
): { ok: true; accounts: JournalAccounts } | { ok: false; problem: string } {
  const missing = (
    [
      ['receivableAccount', journal.receivableAccount],
      ['salesAccount', journal.salesAccount],
      ['taxAccount', journal.taxAccount],
    ] as const
  )
    .filter(([, value]) => value === null)
    .map(([key]) => key);
  if (missing.length > 0 || journal.receivableAccount === null) {
    return {
      ok: false,
      problem: `Journal entries need ${missing.map((key) => `journal.${key}`).join(', ')} for store '${storeName}': \`prestabridge stores set ${storeName} ${missing.map((key) => `journal.${key}=ACCOUNT`).join(' ')}\` (or journal.enabled=false).`,
    };
  }
  return {
    ok: true,
    accounts: {
      receivable: journal.receivableAccount,
      sales: journal.salesAccount ?? '',
      tax: journal.taxAccount ?? '',
      bank: journal.bankAccount,
      salesJournal: journal.salesJournal,
      bankJournal: journal.bankJournal,
      familyAccounts: journal.familyAccounts,
      taxAccounts: journal.taxAccounts,
      paymentAccounts: journal.paymentAccounts,
    },
  };
}

/** Who owes the invoice: the auxiliary account of the receivable lines. */
export interface JournalCustomer {
  readonly id: number | null;
  readonly name: string | null;
}

/** A line of a draft entry, its amount on the side where it is positive. */
function sided(
  account: string,
  amount: Decimal,
  onDebit: boolean,
  extra: Omit<JournalLineInput, 'account'>,
): JournalLineInput {
  const debit = onDebit === amount.sign() >= 0;
  const value = amount.abs().toString();
  return { account, ...extra, ...(debit ? { debit: value } : { credit: value }) };
}

/**
 * The sale entry of an invoice (a credit note: the same, reversed by its negative amounts): the
 * customer's receivable debited with the total with tax; each sales account (the line's family's,
 * else the default) credited with its lines without tax; each rate's tax account credited with
 * that rate's tax. Sales amounts per account are rounded to the cent so that they add up to the
 * invoice's total without tax (a rounding the store made on the total, `round_type` 3, lands on the
 * largest account). Debits equal credits by construction.
 */
export function saleEntryLines(
  invoice: Invoice,
  accounts: JournalAccounts,
  customer: JournalCustomer,
): JournalLineInput[] {
  const label = `${invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.number}`;
  const aux = customerAux(customer);
  const bySales = new Map<string, Decimal>();
  for (const line of invoice.lines) {
    const account =
      (line.familyCode !== null ? accounts.familyAccounts[line.familyCode] : undefined) ?? accounts.sales;
    bySales.set(account, (bySales.get(account) ?? Decimal.ZERO).add(line.totalTaxExcl));
  }
  const sales = allocate([...bySales.entries()], Decimal.from(invoice.totalTaxExcl));
  const lines: JournalLineInput[] = [
    sided(accounts.receivable, Decimal.from(invoice.totalTaxIncl), true, { label, ...aux }),
  ];
  for (const [account, amount] of sales) {
    if (!amount.isZero()) lines.push(sided(account, amount, false, { label }));
  }
  for (const tax of invoice.taxes) {
    const amount = Decimal.from(tax.amount);
    if (amount.isZero()) continue;
    const rate = Decimal.from(tax.rate).toString();
    lines.push(
      sided(
        accounts.taxAccounts[rate] ?? accounts.taxAccounts[rate.replace('.', ',')] ?? accounts.tax,
        amount,
        false,
        {
          label: `${label} VAT ${rate} %`,
        },
      ),
    );
  }
  return lines;
}

/**
 * The payment entry of a paid invoice (a paid invoice's credit note: the refund): the payment
 * method's bank account debited, the customer's receivable credited, with the total with tax. Null
 * with the reason when the payment method has no bank account.
 */
export function paymentEntryLines(
  invoice: Invoice,
  accounts: JournalAccounts,
  customer: JournalCustomer,
): { ok: true; lines: JournalLineInput[] } | { ok: false; problem: string } {
  const bank =
    (invoice.paymentMethod !== null ? accounts.paymentAccounts[invoice.paymentMethod] : undefined) ??
    accounts.bank;
  if (bank === null) {
    const method = invoice.paymentMethod ?? invoice.paymentLabel ?? 'unknown';
    return {
      ok: false,
      problem: `payment method '${method}' has no bank account: set journal.paymentAccounts.${invoice.paymentMethod ?? 'METHOD'}=ACCOUNT or journal.bankAccount=ACCOUNT`,
    };
  }
  const total = Decimal.from(invoice.totalTaxIncl);
  const label = `${invoice.kind === 'credit_note' ? 'Refund' : 'Payment'} ${invoice.number}${invoice.paymentLabel ? ` (${invoice.paymentLabel})` : ''}`;
  return {
    ok: true,
    lines: [
      sided(bank, total, true, { label }),
      sided(accounts.receivable, total, false, { label, ...customerAux(customer) }),
    ],
  };
}

function customerAux(customer: JournalCustomer): Pick<JournalLineInput, 'auxAccount' | 'auxLabel'> {
  return customer.id === null
    ? {}
    : {
        auxAccount: `C${String(customer.id).padStart(6, '0')}`,
        auxLabel: customer.name ?? `Customer ${customer.id}`,
      };
}

/**
 * Amounts rounded to the cent that add up to `total` (largest remainder: the cents rounding lost go
 * to the accounts that lost the most, the largest first).
 */
function allocate(
  amounts: ReadonlyArray<readonly [string, Decimal]>,
  total: Decimal,
): Array<[string, Decimal]> {
  const rounded = amounts.map(([account, amount]): [string, Decimal, Decimal] => [
    account,
    amount.round(2, 'half-up'),
    amount,
  ]);
  let rest = total.sub(Decimal.sum(rounded.map(([, value]) => value)));
  const cent = Decimal.from(rest.sign() >= 0 ? '0.01' : '-0.01');
  const order = [...rounded].sort((a, b) => b[2].abs().cmp(a[2].abs()));
  // At most one cent per account and round: a rest finer than a cent (a 3-decimal currency) stays.
  for (let index = 0, step = 0; !rest.abs().lt('0.01') && step < order.length * 100; step += 1) {
    index = step % order.length;
    const item = order[index];
    if (item === undefined) break;
    item[1] = item[1].add(cent);
    rest = rest.sub(cent);
  }
  return rounded.map(([account, value]) => [account, value]);
}
