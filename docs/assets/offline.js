/* The page a phone shows when it is offline and the page asked for is not saved (sw.js sends the
   reader here with ?tu=<that address>): a link to try that page again, and every page saved on
   this phone in the page's language, by title, so a resident can go on learning. */
(function () {
  "use strict";
  var list = document.querySelector("[data-offline-saved]");
  if (!list) return;
  var lang = document.documentElement.lang;
  var wanted = new URLSearchParams(location.search).get("tu");
  if (wanted) {
    var target = new URL(wanted, location.href);
    if (target.origin === location.origin) {
      var retry = document.querySelector("[data-offline-retry]");
      retry.href = target.href;
      retry.textContent = decodeURIComponent(target.pathname);
      retry.parentNode.hidden = false;
    }
  }
  function none() { document.querySelector(".offline-none").hidden = false; }
  if (!("caches" in window)) return none();
  caches.open("hkns-pages").then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (req) {
        return cache.match(req).then(function (res) {
          if (!res || (res.headers.get("Content-Type") || "").indexOf("text/html") < 0) return null;
          return res.text().then(function (html) {
            var page = new DOMParser().parseFromString(html, "text/html");
            var h1 = page.querySelector("article h1");
            if (h1) h1.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); }); // the ¶ mark
            return { url: req.url, lang: page.documentElement.lang, title: (h1 || page).textContent.trim() };
          });
        });
      }));
    });
  }).then(function (pages) {
    var here = location.pathname;
    pages = pages.filter(function (p) {
      return p && p.lang === lang && p.title && new URL(p.url).pathname !== here && !/[?&]/.test(p.url);
    }).sort(function (a, b) { return a.title.localeCompare(b.title, "vi"); });
    if (!pages.length) return none();
    pages.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = p.url;
      a.textContent = p.title;
      li.appendChild(a);
      list.appendChild(li);
    });
  }).catch(none);
})();
