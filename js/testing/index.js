// sealcard/testing: PayMongo's test cards, and (in ./playwright.js, ./puppeteer.js,
// ./webdriver.js) functions that type them into the real sealcard fields the way a shopper
// does. No side effects at import; no driver is imported here.
import { SealCardTestError } from './core.js';

export { SealCardTestError };

/**
 * PayMongo's test cards (test mode only) with what each does, in the order of PayMongo's table.
 * `failedCode` is the decline's `failed_code` (the widget's `error.apiCode`).
 * @type {readonly { key: string, number: string, outcome: 'succeeds' | 'three_d_secure' | 'declined', failedCode?: string, description: string }[]}
 */
export const testCardList = Object.freeze([
  { key: 'visa', number: '4343434343434345', outcome: 'succeeds', description: 'Visa' },
  { key: 'visaDebit', number: '4571736000000075', outcome: 'succeeds', description: 'Visa debit' },
  { key: 'visaCreditPH', number: '4009930000001421', outcome: 'succeeds', description: 'Visa credit (PH)' },
  { key: 'visaDebitPH', number: '4404520000001439', outcome: 'succeeds', description: 'Visa debit (PH)' },
  { key: 'mastercard', number: '5555444444444457', outcome: 'succeeds', description: 'Mastercard' },
  { key: 'mastercardDebit', number: '5455590000000009', outcome: 'succeeds', description: 'Mastercard debit' },
  { key: 'mastercardPrepaid', number: '5339080000000003', outcome: 'succeeds', description: 'Mastercard prepaid' },
  { key: 'mastercardCreditPH', number: '5240050000001440', outcome: 'succeeds', description: 'Mastercard credit (PH)' },
  { key: 'mastercardDebitPH', number: '5577510000001446', outcome: 'succeeds', description: 'Mastercard debit (PH)' },
  { key: 'threeDSecure', number: '4120000000000007', outcome: 'three_d_secure', description: '3-D Secure required: succeeds if authorized, fails if the shopper fails it' },
  { key: 'declinedBeforeAuthentication', number: '4230000000000004', outcome: 'declined', failedCode: 'generic_decline', description: 'declined before 3-D Secure' },
  { key: 'declinedAfterAuthentication', number: '5234000000000106', outcome: 'three_d_secure', failedCode: 'generic_decline', description: '3-D Secure, then declined after a successful authentication' },
  { key: 'threeDSecureOptional', number: '5123000000000001', outcome: 'succeeds', description: '3-D Secure supported but optional' },
  { key: 'expiredCard', number: '4200000000000018', outcome: 'declined', failedCode: 'card_expired', description: 'declined at attach: card expired' },
  { key: 'invalidCvc', number: '4300000000000017', outcome: 'declined', failedCode: 'cvc_invalid', description: 'declined: CVC invalid' },
  { key: 'insufficientFunds', number: '5100000000000198', outcome: 'declined', failedCode: 'insufficient_funds', description: 'declined: insufficient funds' },
  { key: 'declined', number: '4111111111111111', outcome: 'declined', failedCode: 'generic_decline', description: 'declined' },
  { key: 'genericDecline', number: '4400000000000016', outcome: 'declined', failedCode: 'generic_decline', description: 'declined' },
  { key: 'fraudulent', number: '4500000000000015', outcome: 'declined', failedCode: 'fraudulent', description: 'declined: fraudulent (shown as a generic decline)' },
  { key: 'processorBlocked', number: '5200000000000197', outcome: 'declined', failedCode: 'processor_blocked', description: 'declined: processor blocked' },
  { key: 'lostCard', number: '5300000000000196', outcome: 'declined', failedCode: 'lost_card', description: 'declined: lost card (shown as a generic decline)' },
  { key: 'stolenCard', number: '5400000000000195', outcome: 'declined', failedCode: 'stolen_card', description: 'declined: stolen card (shown as a generic decline)' },
  { key: 'blocked', number: '4600000000000014', outcome: 'declined', failedCode: 'blocked', description: 'declined: blocked (shown as a generic decline)' },
]);

/** A future expiry as a shopper types it, MM/YY: December, five years from now. */
function futureExpiry(/** @type {Date} */ now) {
  return `12/${String((now.getFullYear() + 5) % 100).padStart(2, '0')}`;
}

/**
 * The test cards by name (`testCards.visa`, `testCards.threeDSecure`, `testCards.declined`, …),
 * plus an `expiry` in the future and a `cvc`, which every test card accepts.
 */
export const testCards = Object.freeze({
  ...Object.fromEntries(testCardList.map((c) => [c.key, c.number])),
  expiry: futureExpiry(new Date()),
  cvc: '123',
});
