// Inline-mode fields mounted with a live key and PayMongo's API, as a shop on https mounts
// them (http://localhost is a secure context, so the fields accept the key). No request is
// made: nothing is typed.
import { loadFields } from '/sealcard/frame/fields.js';

const { mountCardField } = await loadFields();
mountCardField('#card', { publicKey: 'pk_live_kitrefusal', apiBase: 'https://api.paymongo.com/v1' }, {});
