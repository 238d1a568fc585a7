// How values are shown. Amounts arrive from the API as exact decimal strings ("1234.50"); they are
// only ever regrouped for reading here, never computed with, so no floating-point rounding can creep in.

export function money(value) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const negative = text.startsWith('-');
  const [whole, cents = '00'] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}${grouped}.${cents.padEnd(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '';
}

const REASONS = {
  INSUFFICIENT_FUNDS: 'Not enough money: when it was processed, the balance was below the amount plus the fee.',
  PAYMENT_DECLINED: 'The payment provider declined the payment.',
};

export function reasonInWords(code) {
  if (!code) return 'It was refused.';
  return REASONS[code] ?? `It was refused (${code.toLowerCase().replaceAll('_', ' ')}).`;
}

/** Sort key for ISO instants with any number of fraction digits, so that string order is time order. */
export function instantKey(iso) {
  if (!iso) return '';
  return iso.replace(/(?:\.(\d+))?Z$/, (_, fraction = '') => `.${fraction.padEnd(9, '0')}Z`);
}
