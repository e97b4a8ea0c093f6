/* A province page's ward finder: narrows the list of wards as the resident types, with or without
   Vietnamese marks ("hong bang" finds "Phường Hồng Bàng"). The whole list is in the page; this only
   hides what does not match. */
(function () {
  "use strict";
  var form = document.querySelector("[data-ward-filter]");
  var list = document.querySelector(".ward-list");
  if (!form || !list) return;
  var input = form.querySelector("input");
  var status = document.querySelector(".ward-filter-status");
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  function fold(s) {
    return s.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  var names = items.map(function (li) { return fold(li.textContent); });
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  input.addEventListener("input", function () {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (li, i) {
      var ok = words.every(function (w) { return names[i].indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = !words.length ? "" : shown ? form.dataset.found.replace("{n}", shown) : form.dataset.none;
  });
})();
