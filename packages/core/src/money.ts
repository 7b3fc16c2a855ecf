import type { Money } from './types.js';

/** "1299.00" ↔ 129900. Prices travel as decimal strings on the wire and integer cents inside. */
export function parseAmount(amount: string): number {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(amount);
  if (!m) throw new Error(`not a price: "${amount}"`);
  return Number(m[1]) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
}

export function formatAmount(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const frac = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${whole}.${frac}`;
}

export function formatMoney(money: Money): string {
  return `${formatAmount(money.cents)} ${money.currency}`;
}
