// The sealcard/validate API over the wasm exports: argument checks, the default `today`,
// frozen results of the brand table, and the verdicts unpacked from the numbers the wasm
// returns. Shared by the browser and Node entries.

/** @param {unknown} value @param {string} fn */
function text(value, fn) {
  if (typeof value !== 'string') {
    throw new TypeError(`sealcard: ${fn}() expects a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

/** @param {unknown} today */
function month(today) {
  if (today === undefined) {
    const now = new Date();
    return { year: now.getFullYear(), month: now.getMonth() + 1 };
  }
  const t = /** @type {{ year?: unknown, month?: unknown } | null} */ (today);
  if (
    typeof t !== 'object' || t === null ||
    !Number.isInteger(t.year) || /** @type {number} */ (t.year) < 1 || /** @type {number} */ (t.year) > 9999 ||
    !Number.isInteger(t.month) || /** @type {number} */ (t.month) < 1 || /** @type {number} */ (t.month) > 12
  ) {
    throw new RangeError('sealcard: validateExpiry() expects today as { year: 1..9999, month: 1..12 }');
  }
  return { year: /** @type {number} */ (t.year), month: /** @type {number} */ (t.month) };
}

/** @param {any} glue the wasm-bindgen exports, initialised */
export function makeApi(glue) {
  const brands = Object.freeze(
    glue.brands().map((/** @type {any} */ b) =>
      Object.freeze({ ...b, lengths: Object.freeze(b.lengths), gaps: Object.freeze(b.gaps) }),
    ),
  );
  const ids = new Set(brands.map((/** @type {{ id: string }} */ b) => b.id));
  /** @type {object[]} */
  const errors = glue.errors();
  // The validators return their verdict packed in a number (see src/js.rs): bit 0 valid, bit 1
  // potentiallyValid, bits 2–7 the error (its index + 1), from bit 8 the brand or the date.
  /** @param {number} bits @param {object} o */
  const withError = (bits, o) => {
    const e = (bits >> 2) & 63;
    if (e) /** @type {any} */ (o).error = { ...errors[e - 1] };
    return o;
  };
  return {
    brands,
    /** @param {string} value */
    validateNumber(value) {
      const bits = glue.validateNumber(text(value, 'validateNumber'));
      const brand = bits >>> 8;
      return withError(bits, { brand: brand ? brands[brand - 1].id : null, valid: (bits & 1) === 1, potentiallyValid: (bits & 2) === 2 });
    },
    /** @param {string} value @param {{ year: number, month: number }} [today] */
    validateExpiry(value, today) {
      const t = month(today);
      const bits = glue.validateExpiry(text(value, 'validateExpiry'), t.year, t.month);
      const o = withError(bits, { valid: (bits & 1) === 1, potentiallyValid: (bits & 2) === 2 });
      if (bits >>> 8) Object.assign(o, { month: (bits >>> 8) & 15, year: bits >>> 12 });
      return o;
    },
    /** @param {string} value @param {string | null} [brand] */
    validateCvc(value, brand) {
      if (brand != null && !ids.has(brand)) {
        throw new TypeError('sealcard: validateCvc() got an unknown brand id; see `brands` for the ids');
      }
      const bits = glue.validateCvc(text(value, 'validateCvc'), brand ?? undefined);
      return withError(bits, { valid: (bits & 1) === 1, potentiallyValid: (bits & 2) === 2 });
    },
    /** @param {string} value @param {number} [caret] */
    formatNumber(value, caret) {
      text(value, 'formatNumber');
      const at = caret === undefined ? value.length : caret;
      if (!Number.isInteger(at) || at < 0) {
        throw new RangeError('sealcard: formatNumber() expects the caret as a non-negative integer');
      }
      const formatted = glue.formatNumber(value, Math.min(at, value.length));
      return { value: formatted, caret: glue.formatCaret() };
    },
  };
}
