/* Runs right after the header's light/dark switch, before the page is painted: the scheme the reader
   chose last time (Material's inline script, as a file for the Content Security Policy). */
(function () {
  var palette;
  try { palette = __md_get("__palette"); } catch (e) { return; }
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(light ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    ["media", "scheme", "primary", "accent"].forEach(function (k) {
      palette.color[k] = input.getAttribute("data-md-color-" + k);
    });
  }
  Object.keys(palette.color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, palette.color[key]);
  });
})();
