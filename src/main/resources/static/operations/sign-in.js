// Opened from an address with the credentials in it (http://user:password@host/operations/), the page's own
// requests (htmx, styles) would be refused by the browser. The browser has just signed in with those
// credentials and keeps them: reopen the same address without them, so the password also leaves the history.
// The same trick as /hawtio-sign-in.js; a file, not inline code, as the page's Content-Security-Policy demands.
(function () {
  var page = new URL(document.URL);
  if (page.username || page.password) {
    page.username = '';
    page.password = '';
    window.location.replace(page.href);
  }
})();
