/* Search page, on Pagefind's JavaScript API (the index is built per language by scripts/mkdocs_hooks.py
   and fetched in small chunks only when someone searches; nothing loads on other pages).
   Our own few lines of results UI, because Vietnamese needs an asynchronous step Pagefind's UI cannot
   take: a query typed without diacritics is also searched as the site spells it ("dinh danh" ->
   "đinh danh", which Pagefind's tone folding matches to "định danh"), and the results are merged. */
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  var vi = lang === "vi";
  var here = document.currentScript.src;
  var bundle = new URL("../pagefind/", here).href;
  var form = document.querySelector("[data-search]");
  var input = form.querySelector("input");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var T = vi ? {
    searching: "Đang tìm…", none: "Không tìm thấy bài nào cho “{q}”. Hãy thử từ khác.",
    found: "Tìm thấy {n} kết quả cho “{q}”.", fixed: "Không thấy “{q}”. Đang hiện kết quả cho “{r}”.",
    offline: "Chưa tìm được khi không có mạng. Hãy thử lại khi có mạng."
  } : {
    searching: "Searching…", none: "Nothing found for “{q}”. Try other words.",
    found: "{n} results for “{q}”.", fixed: "Nothing for “{q}”. Showing results for “{r}”.",
    offline: "Search is not available offline yet. Try again when you are online."
  };
  function say(text, values) {
    status.textContent = text.replace(/\{(\w)\}/g, function (_, k) { return values[k]; });
  }

  var pagefind = null;
  function engine() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (pf) {
        // baseUrl: result links stay inside the site when it is served under a sub-path
        return pf.options({ excerptLength: 24, baseUrl: new URL("../", bundle).pathname })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }
  var words = vi ? fetch(new URL("../tim-kiem/tu-vung.json", here)).then(function (r) { return r.json(); })
    .catch(function () { return {}; }) : Promise.resolve({});

  // The query as typed and as the site most often spells it; with `all`, also one word changed at a time.
  function spellings(term, table, all) {
    var typed = term.toLowerCase().split(/\s+/).filter(Boolean);
    var options = typed.map(function (w) {
      return /^[a-z]+$/.test(w) && table[w] ? table[w] : [w];
    });
    var likely = options.map(function (o) { return o[0]; });
    var out = [typed.join(" "), likely.join(" ")];
    if (all) options.forEach(function (o, i) {
      o.slice(1).forEach(function (alt) {
        var c = likely.slice();
        c[i] = alt;
        out.push(c.join(" "));
      });
    });
    return out.filter(function (c, i) { return out.indexOf(c) === i; }).slice(0, 8);
  }

  // A respelling that matches the site finds many pages, a wrong one finds few: the candidate with the
  // most results leads (in Pagefind's order; the typed query wins ties), the others' results follow.
  function searchAll(pf, terms) {
    return Promise.all(terms.map(function (t) { return pf.search(t); })).then(function (all) {
      var lead = 0;
      all.forEach(function (r, i) { if (r.results.length > all[lead].results.length) lead = i; });
      var seen = {}, out = [];
      [all[lead]].concat(all).forEach(function (r) {
        r.results.forEach(function (hit) { if (!seen[hit.id]) { seen[hit.id] = 1; out.push(hit); } });
      });
      return out;
    });
  }

  // Small typos: shorten words that match nothing by one or two letters; drop those that still don't.
  function correct(pf, table, term) {
    return term.trim().split(/\s+/).reduce(function (chain, w) {
      return chain.then(function (kept) {
        var tries = [0, 1, 2].map(function (cut) { return w.slice(0, w.length - cut); })
          .filter(function (x) { return x.length >= 2; });
        return tries.reduce(function (found, x) {
          return found.then(function (ok) {
            return ok || searchAll(pf, spellings(x, table)).then(function (r) { return r.length ? x : null; });
          });
        }, Promise.resolve(null)).then(function (x) { return x ? kept.concat([x]) : kept; });
      });
    }, Promise.resolve([])).then(function (kept) { return kept.join(" "); });
  }

  // Six results at a time: each one shown costs a small download, so more come only when asked for.
  var PAGE = 6;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more md-button";
  more.textContent = vi ? "Xem thêm kết quả" : "More results";
  more.hidden = true;
  list.after(more);
  var pending = [];
  more.addEventListener("click", function () { show(pending, true); });

  function show(hits, append) {
    pending = hits.slice(PAGE);
    more.hidden = !pending.length;
    return Promise.all(hits.slice(0, PAGE).map(function (h) { return h.data(); })).then(function (data) {
      if (!append) list.innerHTML = "";
      data.forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.className = "search-result-link";
        a.textContent = (d.meta && d.meta.title) || d.url;
        var h = document.createElement("h2");
        h.appendChild(a);
        li.appendChild(h);
        var groups = d.filters && d.filters.group;
        if (groups && groups.length) {
          var g = document.createElement("p");
          g.className = "search-result-groups";
          g.textContent = groups.join(", ");
          li.appendChild(g);
        }
        var p = document.createElement("p");
        p.className = "search-result-excerpt";
        p.innerHTML = d.excerpt; // Pagefind's excerpt: page text with <mark> around the matches
        li.appendChild(p);
        list.appendChild(li);
      });
    });
  }

  var current = 0;
  function run(term) {
    var mine = ++current;
    term = term.trim();
    if (!term) { list.innerHTML = ""; status.textContent = ""; return; }
    say(T.searching, {});
    Promise.all([engine(), words]).then(function (x) {
      var pf = x[0], table = x[1];
      // Two searches first (each word's index chunk is a download); the other spellings only if needed.
      return searchAll(pf, spellings(term, table, false)).then(function (hits) {
        return hits.length ? hits : searchAll(pf, spellings(term, table, true));
      }).then(function (hits) {
        if (hits.length) return [hits, null];
        return correct(pf, table, term).then(function (better) {
          if (!better || better === term) return [[], null];
          return searchAll(pf, spellings(better, table)).then(function (h) { return [h, better]; });
        });
      }).then(function (r) {
        if (mine !== current) return;
        var hits = r[0];
        if (!hits.length) { list.innerHTML = ""; return say(T.none, { q: term }); }
        return show(hits).then(function () {
          if (mine !== current) return;
          say(r[1] ? T.fixed : T.found, { q: term, r: r[1], n: hits.length });
        });
      });
    }).catch(function () { say(T.offline, {}); });
  }

  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
  input.focus();
})();
