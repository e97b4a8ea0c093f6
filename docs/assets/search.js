/* Search page: MiniSearch (npm, locked; assets/minisearch.js) over this locale's small index
   (tim-kiem/chi-muc.json, written by scripts/search_index.py). Both are fetched only here, once;
   the service worker keeps them, so search keeps working offline.

   Vietnamese typed without diacritics: every word is indexed as written and fully folded
   ("định" -> "dinh", đ -> d), and a query word matches either form. A word typed with its marks
   also matches the written form, so exact matches rank first. Longer words tolerate one typo;
   the last word may be unfinished. */
(function () {
  "use strict";
  var vi = document.documentElement.lang === "vi";
  var form = document.querySelector("[data-search]");
  var input = form.querySelector("input");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var indexUrl = new URL("chi-muc.json", location.href);
  var T = vi ? {
    loading: "Đang tải dữ liệu tìm kiếm…", none: "Không tìm thấy bài nào cho “{q}”. Hãy thử từ khác.",
    found: "Tìm thấy {n} kết quả cho “{q}”.", some: "Không có trang nào có đủ các từ “{q}”. Đây là {n} kết quả có một phần.",
    offline: "Chưa tìm được khi không có mạng: hãy mở trang này một lần khi có mạng, sau đó tìm được cả khi mất mạng.",
    more: "Xem thêm kết quả"
  } : {
    loading: "Loading search data…", none: "Nothing found for “{q}”. Try other words.",
    found: "{n} results for “{q}”.", found1: "1 result for “{q}”.",
    some: "No page has all of “{q}”. Showing results with some of the words ({n}).",
    offline: "Search is not available offline yet: open this page once online, then it works offline too.",
    more: "More results"
  };
  function say(text, values) {
    status.textContent = text.replace(/\{(\w)\}/g, function (_, k) { return values[k]; });
  }

  // Keep in step with fold() in scripts/search_index.py.
  function fold(s) {
    return s.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var engine = null;
  function load() {
    if (!engine) {
      engine = fetch(indexUrl).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) {
        var docs = data.pages.map(function (p, i) {
          return { id: i, url: p[0], title: p[1], summary: p[2], label: p[3], words: p[4] };
        });
        var ms = new MiniSearch({
          fields: ["title", "summary", "label", "words"],
          // index each word as written and folded: "định" -> "định", "dinh"
          processTerm: function (term) {
            var t = term.toLowerCase(), f = fold(t);
            return f === t ? t : [t, f];
          },
          // queries are built below from words already written or folded
          searchOptions: {
            processTerm: function (t) { return t.toLowerCase(); },
            boost: { title: 3, words: 1.5, label: 0.7 },
            // a glossary entry (url with #) is short, so it would outrank the lesson that teaches the word
            boostDocument: function (id) { return docs[id].url.indexOf("#") >= 0 ? 0.5 : 1; }
          }
        });
        ms.addAll(docs);
        return { ms: ms, docs: docs };
      });
      engine.catch(function () { engine = null; }); // try again on the next search
    }
    return engine;
  }

  // One part per word: the folded word (typo-tolerant when long, a prefix when it is the last one)
  // or the word as typed with its marks, which adds to the score of pages spelt the same way.
  function query(words, all) {
    return {
      combineWith: all ? "AND" : "OR",
      queries: words.map(function (w, i) {
        var typed = w.toLowerCase(), f = fold(typed);
        var parts = [{ queries: [f], fuzzy: f.length >= 5 ? 1 : 0, prefix: i === words.length - 1 && f.length >= 2 }];
        if (typed !== f) parts.push({ queries: [typed] });
        return { combineWith: "OR", queries: parts };
      })
    };
  }

  function escape(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // The summary with the matched words marked.
  function excerpt(text, terms) {
    return text.split(/([\p{L}\p{N}]+)/u).map(function (part, i) {
      if (i % 2 === 0) return escape(part);
      var t = part.toLowerCase();
      return terms[t] || terms[fold(t)] ? "<mark>" + escape(part) + "</mark>" : escape(part);
    }).join("");
  }

  // Ten results at a time: a long list is hard to read on a phone.
  var PAGE = 10;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more md-button";
  more.textContent = T.more;
  more.hidden = true;
  list.after(more);
  var pending = [];
  more.addEventListener("click", function () {
    var first = show(pending, true);
    if (first) first.focus();
  });

  function show(hits, append) {
    pending = hits.slice(PAGE);
    more.hidden = !pending.length;
    if (!append) list.innerHTML = "";
    var firstLink = null;
    hits.slice(0, PAGE).forEach(function (h) {
      var d = h.doc, terms = {};
      h.terms.forEach(function (t) { terms[t] = 1; });
      var li = document.createElement("li");
      var a = document.createElement("a");
      var target = new URL("../" + d.url, indexUrl); // rows are relative to the locale's root
      a.href = target.pathname + target.hash;
      a.className = "search-result-link";
      a.textContent = d.title;
      var heading = document.createElement("h2");
      heading.appendChild(a);
      li.appendChild(heading);
      if (d.label) {
        var g = document.createElement("p");
        g.className = "search-result-groups";
        g.textContent = d.label;
        li.appendChild(g);
      }
      if (d.summary) {
        var p = document.createElement("p");
        p.className = "search-result-excerpt";
        p.innerHTML = excerpt(d.summary, terms);
        li.appendChild(p);
      }
      list.appendChild(li);
      firstLink = firstLink || a;
    });
    return firstLink;
  }

  var current = 0;
  function run(term) {
    var mine = ++current;
    var words = term.trim().split(/[\s,.;:!?()"“”]+/).filter(Boolean);
    if (!words.length) { list.innerHTML = ""; more.hidden = true; status.textContent = ""; return; }
    if (!engine) say(T.loading, {});
    load().then(function (e) {
      if (mine !== current) return;
      var hits = e.ms.search(query(words, true)), some = false;
      if (!hits.length && words.length > 1) {
        // no page has every word: leave out the words found nowhere, else take pages with any word
        some = true;
        var known = words.filter(function (w) { return e.ms.search(query([w], true)).length; });
        if (known.length && known.length < words.length) hits = e.ms.search(query(known, true));
        if (!hits.length) hits = e.ms.search(query(words, false));
      }
      hits.forEach(function (h) { h.doc = e.docs[h.id]; });
      if (!hits.length) { list.innerHTML = ""; more.hidden = true; return say(T.none, { q: term.trim() }); }
      show(hits);
      say(some ? T.some : hits.length === 1 && T.found1 ? T.found1 : T.found, { q: term.trim(), n: hits.length });
    }).catch(function () { if (mine === current) say(T.offline, {}); });
  }

  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); } else { load().catch(function () {}); } // ready before the first word
  input.focus();
})();
