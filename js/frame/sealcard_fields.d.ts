// The engine's exports (src/fields.rs), as wasm-bindgen's glue `sealcard_fields.js` provides
// them: the contract between the field's view (field.js) and the Rust core. Used to type-check
// the view; not shipped. Codes are indexes into the error table plus one (0 for none), brands
// indexes into the brand table plus one, fields 1 number, 2 expiry, 3 security code, 4 name.

/** Loads and instantiates the wasm module. */
export default function init(options?: { module_or_path?: URL | string | Response | BufferSource }): Promise<unknown>;
/** The tables: errors, words, brands, decline messages (see src/fields.rs). */
export function tables(): string;
/** The code of what is wrong with a public key, or 0. */
export function keyError(key: string): number;
/** The code of what is wrong with sending requests for `key` to `url`, or 0. */
export function endpointError(key: string, url: string, secure: boolean): number;
/** An edit (`kind` 0 insert `data`, 1 delete backward, 2 forward) of the number or expiry. */
export function edit(field: number, value: string, start: number, end: number, kind: number, data: string): string;
/** A field's text formatted, the caret at `caret`; `brand` for the code's length. */
export function format(field: number, value: string, caret: number, brand: number): string;
/** The caret of the last `edit` or `format`. */
export function caret(): number;
/** `[brand, number, expiry, cvc]`, each field packed. */
export function formState(number: string, expiry: string, cvc: string, touched: number, accepted: number, year: number, month: number): Uint32Array;
/** The card number's digits. */
export function cardNumber(number: string): string;
/** The security code's digits. */
export function cardCvc(cvc: string): string;
/** `month | year << 4`, or 0. */
export function expiryDate(expiry: string, year: number, month: number): number;
/** A failed answer's code, field and deciding error, packed. */
export function failureFor(status: number, errors: string | undefined): number;
/** A decline's code, and from bit 6 its message. */
export function declineFor(failedCode: string): number;
/** The length of the Payment Intent id a client key starts with, or 0. */
export function intentIdLength(clientKey: string): number;
/** Whether `id` is a payment-method id. */
export function isPaymentMethodId(id: string): boolean;
