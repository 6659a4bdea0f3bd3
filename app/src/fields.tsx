import type { CombinedError } from 'urql';
import type { useAmountForm } from './amount-form';

/** The amount (major units) and currency fields of a money form. */
export function AmountFields({ form, describedBy }: { form: ReturnType<typeof useAmountForm>; describedBy?: string }) {
  return (
    <div className="row">
      <label>Amount<input inputMode="decimal" required value={form.amount} aria-invalid={form.invalid} aria-describedby={describedBy} onChange={(e) => form.setAmount(e.target.value)} /></label>
      <label>Currency<select value={form.currency} onChange={(e) => form.setCurrency(e.target.value)}><option>USD</option><option>EUR</option><option>GBP</option></select></label>
    </div>
  );
}

/** A refused mutation: the API's message and its stable code. */
export function ApiError({ error, testId }: { error: CombinedError | undefined; testId?: string }) {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : '';
  return <p role="alert" className="error" data-testid={testId}>{first?.message ?? error.message} {code && <code>{code}</code>}</p>;
}
