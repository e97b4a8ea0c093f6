/* Học kỹ năng số — service worker. The build (scripts/mkdocs_hooks.py) fills in VERSION and SHELL.
   Pages a reader opened or saved are served from the phone, with no network; each new build
   (a new VERSION) refreshes every saved page, script and search index, so nobody is stuck with an
   old lesson or a search that misses new ones. Pictures are kept as they are. */
"use strict";
var VERSION = "__VERSION__";
var SHELL = __SHELL__; // stylesheets, scripts and icons every page loads, relative to this file
var PAGES = "hkns-pages";
var ASSETS = "hkns-assets";
var SHELL_CACHE = "hkns-shell-" + VERSION;

function scoped(path) { return new URL(path, self.registration.scope).href; }

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(scoped));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim().then(refreshPages));
});

// A new build: fetch every saved page again. Old shells are dropped only once that worked, so a
// phone that is offline now keeps the styles its saved pages need.
function refreshPages() {
  return caches.open(PAGES).then(function (pages) {
    return pages.keys().then(function (requests) {
      return Promise.all(requests.map(function (req) {
        return fetch(req.url, { cache: "reload" }).then(function (res) {
          if (!res.ok) throw new Error(res.status);
          return pages.put(req.url, res);
        });
      }));
    });
  }).then(function () {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf("hkns-shell-") === 0 && k !== SHELL_CACHE;
      }).map(function (k) { return caches.delete(k); }));
    });
  }).catch(function () { /* offline: try again at the next activation */ });
}

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("accept") || "").indexOf("text/html") >= 0;
}

// Kept with the pages, so a new build refreshes them: the search page's scripts and index.
function refreshed(request) {
  return isPage(request) || /\.(js|json)$/.test(new URL(request.url).pathname);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (new URL(request.url).pathname.endsWith("/sw.js")) return;
  var url = request.url.split("#")[0];
  event.respondWith(caches.match(url, { ignoreSearch: isPage(request) }).then(function (hit) {
    if (hit) return hit; // saved: no network at all
    return fetch(request).then(function (res) {
      if (res.ok && res.type === "basic") {
        var copy = res.clone();
        caches.open(refreshed(request) ? PAGES : ASSETS).then(function (cache) { cache.put(url, copy); });
      }
      return res;
    }).catch(function () {
      if (!isPage(request)) return Response.error();
      // Not saved and no network: the offline page (in the shell) says so and lists what is saved.
      // A redirect, so that the page loads at its own address and its styles resolve.
      var offline = scoped(request.url.indexOf("/en/") >= 0 ? "en/ngoai-tuyen/" : "ngoai-tuyen/");
      return caches.match(offline).then(function (hit) {
        if (hit && request.mode === "navigate") {
          return Response.redirect(offline + "?tu=" + encodeURIComponent(new URL(url).pathname), 302);
        }
        return hit || new Response(
          "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
          "<title>Không có mạng</title><h1>Không có mạng / No connection</h1>" +
          "<p>Trang này chưa được lưu trên điện thoại. Hãy thử lại khi có mạng.</p>",
          { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
      });
    });
  }));
});
