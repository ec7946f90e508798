// Added to Hawtio's page by the bridge (admin.HawtioSignInPage). Hawtio cannot run from an address with the
// credentials in it (http://user:password@host/actuator/hawtio/): the browser refuses every request such a
// page makes, so Hawtio would show its own login form, which cannot work either. The browser has just signed
// in with those credentials and remembers them, so open the same address without them (the password also
// leaves the history). window.location already hides them; the document's own address still has them.
(function () {
  var page = new URL(document.URL);
  if (page.username || page.password) {
    page.username = '';
    page.password = '';
    window.location.replace(page.href);
  }
})();
