// Amounts travel as decimal strings of minor units; people read and type major units.
const exponents = new Map<string, number>();

export function exponentOf(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** "123456" USD → "1,234.56 USD", exactly (no float on the way). */
export function formatMoney(minor: string, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
  return `${negative ? '−' : ''}${whole}${fraction} ${currency}`;
}

/** "12.5" USD → "1250"; undefined for what is not an amount in that currency's precision. */
export function toMinor(text: string, currency: string): string | undefined {
  const exponent = exponentOf(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match || (match[2]?.length ?? 0) > exponent) return undefined;
  const minor = `${match[1]}${(match[2] ?? '').padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  return minor;
}
