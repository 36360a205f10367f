/**
 * The Kazakhstan Business Identification Number (BIN, БИН): 12 digits, the last one a control digit.
 * Control digit: sum of digit[i] * weight[i] over the first 11 digits with weights 1..11, mod 11.
 * If that gives 10, repeat with weights 3..11, 1, 2; if that also gives 10, the number is invalid.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function binControlDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, digit, index) => sum + digit * weights[index], 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

export function isValidBin(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) return false;
  const control = binControlDigit(value.slice(0, 11));
  return control !== null && control === Number(value[11]);
}

/** Accepts what people type ("1234 5678 9012") and returns the 12 digits, or the input unchanged. */
export function normalizeBin(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/[\s-]/g, '') : value;
}
