import { useMemo, useState } from 'react';
import { toMinor } from './money';

/**
 * The state every money form shares: an amount typed in major units and its currency, what it is
 * in minor units (or why not), and the form's idempotency key. The key is new for each distinct
 * submission: the same values sent twice (a double click, a retry) carry the same key, so the API
 * replays instead of moving money again; `sent()` after a success starts the next one.
 */
export function useAmountForm(...others: readonly unknown[]) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [count, setCount] = useState(0);
  const key = useMemo(() => `app-${crypto.randomUUID()}`, [amount, currency, count, ...others]);
  const minor = amount === '' ? undefined : toMinor(amount, currency);
  const invalid = amount !== '' && (minor === undefined || minor === '0');
  return { amount, setAmount, currency, setCurrency, minor, invalid, key, sent: () => { setAmount(''); setCount((n) => n + 1); } };
}
