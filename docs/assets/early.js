/* Runs in <head>, before the first paint: what Material writes inline there, as a file so that the
   Content Security Policy can refuse every inline script (scripts/csp.py).
   - Material's storage helpers, scoped to the site's root (this file is at <root>/assets/).
   - The reader's saved text size and contrast (site.js), so a page never flashes at the wrong size. */
var __md_scope = new URL("..", document.currentScript.src),
  __md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  },
  __md_get = function (key, storage, scope) {
    return JSON.parse((storage || localStorage).getItem((scope || __md_scope).pathname + "." + key));
  },
  __md_set = function (key, value, storage, scope) {
    try { (storage || localStorage).setItem((scope || __md_scope).pathname + "." + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  };
try {
  var hknsReader = JSON.parse(localStorage.getItem("hkns.reader") || "{}");
  if (hknsReader.size) document.documentElement.dataset.textSize = hknsReader.size;
  if (hknsReader.contrast) document.documentElement.dataset.contrast = "high";
} catch (e) { /* storage blocked: default size */ }
