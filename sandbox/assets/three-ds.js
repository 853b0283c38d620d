// The sealcard sandbox's 3-D Secure test page. After the shopper's choice the page tells the
// caller it is done: inside a frame it posts the string message PayMongo's pages post (it
// carries no data, so any target origin is acceptable); in a window of its own it returns to
// the shop's return URL.
(function () {
  'use strict';
  var done = document.getElementById('done');
  if (!done) {
    return;
  }
  if (window.parent !== window) {
    window.parent.postMessage('3DS-authentication-complete', '*');
    return;
  }
  var returnUrl = done.getAttribute('data-return-url');
  if (returnUrl && /^https?:\/\//i.test(returnUrl)) {
    window.location.replace(returnUrl);
  }
})();
