// Type tests of sealcard/validate: compiled with `tsc --noEmit` under `strict` by `npm test`.
import {
  brands,
  formatNumber,
  validateCvc,
  validateExpiry,
  validateNumber,
  type BrandId,
  type ValidationErrorCode,
} from 'sealcard/validate';

const n = validateNumber('4242');
const brand: BrandId | null = n.brand;
const valid: boolean = n.valid && n.potentiallyValid;
if (n.error) {
  const code: ValidationErrorCode = n.error.code;
  const type: 'validation_error' = n.error.type;
  const retry: boolean = n.error.retryable;
  void [code, type, retry];
  // @ts-expect-error — codes are a closed union
  const bogus: typeof n.error.code = 'card_declined';
  void bogus;
}
const e = validateExpiry('12/30', { year: 2026, month: 11 });
const month: number | undefined = e.month;
validateCvc('123', 'american-express');
validateCvc('123', null);
// @ts-expect-error — brand ids are a closed union
validateCvc('123', 'amex');
// @ts-expect-error — the number is a string, never a number
validateNumber(4242424242424242);
// @ts-expect-error — today needs a month
validateExpiry('12/30', { year: 2026 });
const f: { value: string; caret: number } = formatNumber('4242', 4);
const first: BrandId | undefined = brands[0]?.id;
for (const b of brands) {
  // @ts-expect-error — the brand table is read-only
  b.lengths.push(20);
}
void [brand, valid, month, f, first];
