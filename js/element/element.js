// @ts-check
// <sealcard-card>: the card fields as a form-associated custom element, for plain HTML and for
// any framework that renders custom elements (Vue, Svelte, Angular, React). Built on the public
// loader API only: `loadSealCard(config)`, then `mount(target, options)` into a child of the
// element. Importing this module defines the element in a browser and does nothing elsewhere
// (server rendering); the element does no work until it is connected and has a public key.
//
// Life cycle: connecting mounts the fields; disconnecting destroys them (the frame, its
// listeners, its timers). A move with `appendChild`/`insertBefore` is a disconnect and a connect:
// the browser reloads a moved frame anyway, so the element mounts fresh fields (one frame at a
// time; a new `ready` follows). A move with `moveBefore()` keeps the frame and what was typed.
import { load, notLoaded, withSignal } from './common.js';

/** @typedef {import('../loader/index').CardField} CardField */
/** @typedef {import('../loader/index').ChangeEvent} ChangeEvent */
/** @typedef {import('../loader/index').MountOptions} MountOptions */
/** @typedef {import('../loader/index').SealCardConfig} SealCardConfig */

/** The attributes of the loader's configuration, and its option names. */
const CONFIG = /** @type {const} */ ({
  'public-key': 'publicKey',
  'api-base': 'apiBase',
  'frame-url': 'frameUrl',
  locale: 'locale',
  'accepted-brands': 'acceptedBrands',
});

/** The fields' events, dispatched on the element with their payload in `detail`. */
const EVENTS = /** @type {const} */ (['ready', 'change', 'focus', 'blur', 'loaderror']);

/** Validation messages the fields do not give: nothing typed (`required`), not complete. */
const MESSAGES = {
  en: ['Enter your card details.', 'Complete your card details.'],
  fil: ['Ilagay ang detalye ng iyong card.', 'Kumpletuhin ang detalye ng iyong card.'],
};

/** @type {CSSStyleSheet | undefined} */
let hostSheet;
/** `:host` is a block (a hidden one is not shown), like a `<div>` of inputs. */
function hostStyles() {
  if (!hostSheet) {
    hostSheet = new CSSStyleSheet();
    hostSheet.replaceSync(':host{display:block}:host([hidden]){display:none}');
  }
  return hostSheet;
}

function defineElementClass() {
  class SealCardCardElement extends HTMLElement {
    static formAssociated = true;
    static observedAttributes = [...Object.keys(CONFIG), 'mode', 'required'];

    #internals = this.attachInternals();
    /** @type {CardField | undefined} */
    #field;
    /** @type {AbortController | undefined} */
    #controller;
    /** The mount target: a child of this element, inert while the element is disabled. */
    /** @type {HTMLDivElement | undefined} */
    #box;
    /** @type {ChangeEvent | undefined} */
    #state;
    #ready = false;
    #disabled = false;
    #scheduled = false;
    /** @type {Omit<MountOptions, 'mode'>} */
    #options = {};

    connectedCallback() {
      this.#adoptEarlyProperties();
      if (!this.shadowRoot) {
        const root = this.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = [hostStyles()];
        root.append(document.createElement('slot'));
      }
      this.#validate();
      this.#schedule();
    }

    disconnectedCallback() {
      this.#unmount();
    }

    /** `moveBefore()` keeps the element connected: the frame and its fields stay as they are. */
    connectedMoveCallback() {}

    /** @param {string} name @param {string | null} before @param {string | null} after */
    attributeChangedCallback(name, before, after) {
      if (before === after) return;
      if (name === 'required') this.#validate();
      else if (name === 'locale' && this.#ready) this.#field?.update({ locale: after ?? 'en' });
      else this.#schedule();
    }

    /** @param {boolean} disabled  the element's own `disabled`, or a disabled `<fieldset>` */
    formDisabledCallback(disabled) {
      this.#disabled = disabled;
      if (this.#box) this.#box.inert = disabled;
    }

    formResetCallback() {
      this.clear();
    }

    /** @param {{ billing?: import('../loader/index').Billing, metadata?: Record<string, string | number | boolean> }} [options] */
    createPaymentMethod(options) {
      return this.#field?.createPaymentMethod(options) ?? notLoaded();
    }

    /** @param {string} clientKey @param {Parameters<CardField['confirmPayment']>[1]} [options] */
    confirmPayment(clientKey, options) {
      return this.#field?.confirmPayment(clientKey, options) ?? notLoaded();
    }

    /** Focuses a field (`number` by default). @param {'number' | 'expiry' | 'cvc' | 'name' | FocusOptions} [field] */
    focus(field) {
      this.#field?.focus(typeof field === 'string' ? field : undefined);
    }

    clear() {
      this.#field?.clear();
    }

    get ready() {
      return this.#ready;
    }

    get state() {
      return this.#state;
    }

    /** Mount options other than `mode`; style, labels, placeholders and messages apply in place. */
    get options() {
      return this.#options;
    }

    set options(value) {
      this.#options = value ?? {};
      if (this.#ready) this.#field?.update(this.#options);
      else this.#schedule();
    }

    get form() {
      return this.#internals.form;
    }

    get validity() {
      return this.#internals.validity;
    }

    get validationMessage() {
      return this.#internals.validationMessage;
    }

    get willValidate() {
      return this.#internals.willValidate;
    }

    checkValidity() {
      return this.#internals.checkValidity();
    }

    reportValidity() {
      return this.#internals.reportValidity();
    }

    /** Properties a framework set before the element was defined: through their setters now. */
    #adoptEarlyProperties() {
      for (const name of [...Object.values(CONFIG), 'mode', 'required', 'disabled', 'options']) {
        if (!Object.hasOwn(this, name)) continue;
        const value = /** @type {any} */ (this)[name];
        delete (/** @type {any} */ (this)[name]);
        /** @type {any} */ (this)[name] = value;
      }
    }

    /** Mounts at the next microtask: attribute changes made together remount once. */
    #schedule() {
      if (this.#scheduled) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        if (this.isConnected) this.#mount();
      });
    }

    /** The loader's configuration, from the attributes that are set. */
    #config() {
      /** @type {Record<string, unknown>} */
      const config = {};
      for (const [attribute, key] of Object.entries(CONFIG)) {
        const value = this.getAttribute(attribute);
        if (value !== null) config[key] = key === 'acceptedBrands' ? value.split(/\s+/).filter(Boolean) : value;
      }
      return /** @type {SealCardConfig} */ (/** @type {unknown} */ (config));
    }

    /** Replaces the fields with new ones; without a public key there are none yet. */
    #mount() {
      this.#unmount();
      const config = this.#config();
      if (!config.publicKey) return;
      const controller = (this.#controller = new AbortController());
      const box = (this.#box = document.createElement('div'));
      box.inert = this.#disabled;
      // Inline mode's own inputs fire native `change` events: the element's `change` is the one.
      box.addEventListener('change', (e) => e.stopPropagation());
      this.append(box);
      const { signal } = controller;
      const mode = /** @type {MountOptions['mode']} */ (this.getAttribute('mode') ?? undefined);
      load(config, signal)
        .then((sealcard) => {
          if (!signal.aborted) this.#attach(sealcard.mount(box, withSignal({ ...this.#options, mode }, signal)));
        })
        .catch((error) => {
          if (!signal.aborted) this.#dispatch('loaderror', { error });
        });
    }

    /** @param {CardField} field */
    #attach(field) {
      this.#field = field;
      for (const name of EVENTS) field.on(name, (/** @type {any} */ detail) => this.#dispatch(name, detail));
    }

    /** Destroys the fields: frame, listeners and timers; pending payment calls settle. */
    #unmount() {
      this.#controller?.abort();
      this.#field?.destroy();
      this.#box?.remove();
      this.#field = this.#box = this.#controller = this.#state = undefined;
      this.#ready = false;
      this.#validate();
    }

    /** @param {typeof EVENTS[number]} name @param {any} detail */
    #dispatch(name, detail) {
      if (name === 'ready') this.#ready = true;
      if (name === 'loaderror') this.#ready = false;
      if (name === 'change') this.#state = detail;
      this.#validate();
      // `change` bubbles, as an input's does; the others do not, as focus, blur and load do not.
      this.dispatchEvent(new CustomEvent(name, { detail, bubbles: name === 'change' }));
    }

    /** Reports to the form as an input would: empty is valid unless `required`; typed is valid
     * once complete. The fields' own error message is the validation message when there is one. */
    #validate() {
      const state = this.#state;
      const [missing, incomplete] = /^(fil|tl)\b/i.test(this.getAttribute('locale') ?? '') ? MESSAGES.fil : MESSAGES.en;
      const anchor = this.#box?.querySelector(/** @type {'iframe'} */ ('iframe, input')) ?? undefined;
      if (!state || state.empty) {
        if (this.hasAttribute('required')) return this.#internals.setValidity({ valueMissing: true }, missing, anchor);
      } else if (!state.complete) {
        return this.#internals.setValidity({ badInput: true }, state.error?.message ?? incomplete, anchor);
      }
      this.#internals.setValidity({});
    }
  }
  reflectAttributes(SealCardCardElement.prototype);
  return SealCardCardElement;
}

/** Attribute-backed properties, as native elements have: strings, `acceptedBrands` a list. */
function reflectAttributes(/** @type {HTMLElement} */ proto) {
  const text = (/** @type {string} */ attribute, fallback = '') => ({
    configurable: true,
    /** @this {HTMLElement} */
    get() {
      return this.getAttribute(attribute) ?? fallback;
    },
    /** @this {HTMLElement} @param {unknown} value */
    set(value) {
      if (value == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, Array.isArray(value) ? value.join(' ') : String(value));
    },
  });
  const flag = (/** @type {string} */ attribute) => ({
    configurable: true,
    /** @this {HTMLElement} */
    get() {
      return this.hasAttribute(attribute);
    },
    /** @this {HTMLElement} @param {unknown} value */
    set(value) {
      this.toggleAttribute(attribute, Boolean(value));
    },
  });
  for (const [attribute, key] of Object.entries(CONFIG)) if (key !== 'acceptedBrands') Object.defineProperty(proto, key, text(attribute));
  const brands = text('accepted-brands');
  Object.defineProperty(proto, 'acceptedBrands', {
    ...brands,
    /** @this {HTMLElement} */
    get() {
      return brands.get.call(this).split(/\s+/).filter(Boolean);
    },
  });
  Object.defineProperty(proto, 'mode', text('mode', 'isolated'));
  Object.defineProperty(proto, 'required', flag('required'));
  Object.defineProperty(proto, 'disabled', flag('disabled'));
}

/** Defines `<sealcard-card>` once, in a browser; elsewhere it does nothing. */
export function defineSealCardElement() {
  if (typeof customElements === 'undefined' || customElements.get('sealcard-card')) return;
  customElements.define('sealcard-card', defineElementClass());
}
