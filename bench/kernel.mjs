// The keystroke and growth benchmarks, shared by Node and the browser page (bundled by
// bench/run.mjs). Pure: the implementations come in as arguments, the clock too. Each
// measurement interleaves the contenders round by round, so a slow moment of a shared machine
// hits them alike; a result is the median over the rounds of the time per call.

/** What a shopper's field holds after each keystroke while typing these cards. */
const CARDS = ['4343 4343 4343 4345', '5555 5555 5555 4444', '3782 822463 10005'];
export const TYPED = CARDS.flatMap((card) => [...card].map((_, i) => card.slice(0, i + 1)));

/** The display format credit-card-type gives a merchant: its gaps and longest length. */
export function makeCctFormat(creditCardType) {
  return (value) => {
    const digits = value.replace(/\D/g, '');
    const type = creditCardType(digits)[0];
    const gaps = type ? type.gaps : [4, 8, 12];
    const max = type ? Math.max(...type.lengths) : 19;
    let out = '';
    for (let i = 0; i < Math.min(digits.length, max); i++) {
      if (gaps.includes(i)) out += ' ';
      out += digits[i];
    }
    return out;
  };
}

/**
 * The contenders of the keystroke rows, each a function of one field value.
 * @param {{ sealcard: any, cardValidator: any, creditCardType: any }} libs
 */
export function keystrokeRows({ sealcard, cardValidator, creditCardType }) {
  const cctFormat = makeCctFormat(creditCardType);
  return [
    {
      op: 'validate the number',
      ours: ['validateNumber', (v) => sealcard.validateNumber(v)],
      theirs: ['card-validator number()', (v) => cardValidator.number(v)],
    },
    {
      op: 'format the number',
      ours: ['formatNumber', (v) => sealcard.formatNumber(v, v.length)],
      theirs: ['credit-card-type + gaps', (v) => cctFormat(v)],
    },
    {
      op: 'one keystroke: validate + format',
      ours: ['validateNumber + formatNumber', (v) => (sealcard.validateNumber(v), sealcard.formatNumber(v, v.length))],
      theirs: ['card-validator + credit-card-type', (v) => (cardValidator.number(v), cctFormat(v))],
    },
  ];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Times each contender on `inputs`, interleaved: per round, every contender runs
 * `calls` calls (cycling through `inputs`). Returns the median nanoseconds per call of each.
 * @param {Record<string, (v: string) => unknown>} contenders
 * @param {string[]} inputs
 * @param {{ now: () => number, rounds: number, calls: number }} o  `now` in milliseconds
 */
export function race(contenders, inputs, { now, rounds, calls }) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  let sink = 0;
  // Warm up: every contender on every input, a few times.
  for (let i = 0; i < 3; i++) for (const n of names) for (const v of inputs) sink ^= contenders[n](v) ? 1 : 0;
  for (let r = 0; r < rounds; r++) {
    // Alternate the order of the contenders from round to round.
    const order = r % 2 ? [...names].reverse() : names;
    for (const n of order) {
      const f = contenders[n];
      const t0 = now();
      for (let i = 0; i < calls; i++) sink ^= f(inputs[i % inputs.length]) ? 1 : 0;
      samples[n].push(((now() - t0) * 1e6) / calls);
    }
  }
  if (sink === 0.5) throw new Error('unreachable');
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

/** The keystroke rows: ns per call of ours and theirs for each operation. */
export function runKeystroke(libs, o) {
  return keystrokeRows(libs).map((row) => {
    const t = race({ ours: row.ours[1], theirs: row.theirs[1] }, TYPED, o);
    return { op: row.op, ours: row.ours[0], theirs: row.theirs[0], oursNs: t.ours, theirsNs: t.theirs };
  });
}

/** A paste of `length` characters: a card number and then more digits and spaces. */
export function paste(length) {
  const unit = '4343 4343 4343 4345 ';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export const GROWTH_LENGTHS = [19, 1024, 16 * 1024, 256 * 1024, 1024 * 1024];

/** Validation time versus input length: ns per call of ours and card-validator's. */
export function runGrowth({ sealcard, cardValidator }, { now }) {
  return GROWTH_LENGTHS.map((length) => {
    const input = [paste(length)];
    // Fewer calls for longer inputs: about the same time per length.
    const calls = Math.max(4, Math.round(2e5 / Math.max(length, 20)));
    const t = race(
      {
        validate: (v) => sealcard.validateNumber(v),
        format: (v) => sealcard.formatNumber(v, v.length),
        theirs: (v) => cardValidator.number(v),
      },
      input,
      { now, rounds: 5, calls },
    );
    return { length, validateNs: t.validate, formatNs: t.format, theirsNs: t.theirs };
  });
}
