// Loaded before the app (a classic script): `window.__messageListeners` counts the window's
// `message` listeners, added minus removed. It wraps EventTarget.prototype before sealcard's
// loader is evaluated, as the loader keeps the functions it finds then.
(() => {
  const w = /** @type {any} */ (window);
  w.__messageListeners = 0;
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === window && type === 'message') w.__messageListeners++;
    return add.call(this, type, ...rest);
  };
  EventTarget.prototype.removeEventListener = function (type, ...rest) {
    if (this === window && type === 'message') w.__messageListeners--;
    return remove.call(this, type, ...rest);
  };
})();
