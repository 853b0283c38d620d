// What the cases run against: the built fields module, served at /frame/fields.js, and the
// sandbox's API base, given in the page URL (`?api=http://127.0.0.1:PORT/v1`).
import { loadFields } from '/frame/fields.js';

/** The sandbox's API base (the Rust tests' default when the page is opened without one). */
export const API = new URL(location.href).searchParams.get('api') ?? 'http://127.0.0.1:18092/v1';

export const { mountCardField } = await loadFields();
