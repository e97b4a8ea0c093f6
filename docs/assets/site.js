/* Học kỹ năng số — everything a page does in the browser, with no server:
   self-check questions, reader controls (text size, contrast, read aloud), "mark as learned" with
   per-group progress, saving a group for offline use, and the service worker. Nothing leaves the
   phone: preferences and progress live in localStorage. */
(function () {
  "use strict";
  var doc = document.documentElement;
  var uiNode = document.getElementById("hkns-ui");
  var UI = uiNode ? JSON.parse(uiNode.textContent) : {};
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var ROOT = new URL((config.base || ".") + "/", location.href);
  var SIZES = 5; // 100%, 125%, 150%, 175%, 200%

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: keep going */ }
  }
  function status(text) {
    var node = document.querySelector(".rt-status");
    if (node) node.textContent = text;
  }

  /* --- self-check questions --------------------------------------------------------------- */
  var QUIZ = {
    vi: { right: "Đúng rồi! ", wrong: "Chưa đúng. Đáp án đúng: " },
    en: { right: "Right! ", wrong: "Not quite. The right answer: " }
  };
  function setupQuiz() {
    document.querySelectorAll("form.quiz-q").forEach(function (form) {
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.addEventListener("change", function (e) {
        if (e.target.type !== "radio") return;
        var words = QUIZ[doc.lang] || QUIZ.vi;
        var right = form.dataset.correct;
        var why = form.querySelector(".quiz-why");
        var feedback = form.querySelector(".quiz-feedback");
        var ok = e.target.value === right;
        feedback.className = "quiz-feedback " + (ok ? "is-right" : "is-wrong");
        feedback.textContent = ok ? words.right + why.querySelectorAll("p")[1].textContent
          : words.wrong + form.querySelectorAll("label")[right].textContent.trim();
        why.open = true;
      });
    });
  }

  /* --- text size and contrast, remembered on this device ---------------------------------- */
  function readerPrefs() { return load("hkns.reader", {}); }
  function applyPrefs(p) {
    if (p.size) doc.dataset.textSize = p.size; else delete doc.dataset.textSize;
    if (p.contrast) doc.dataset.contrast = "high"; else delete doc.dataset.contrast;
    var btn = document.querySelector('[data-reader="contrast"]');
    if (btn) btn.setAttribute("aria-pressed", p.contrast ? "true" : "false");
    var smaller = document.querySelector('[data-reader="smaller"]');
    var bigger = document.querySelector('[data-reader="bigger"]');
    if (smaller) smaller.disabled = !p.size;
    if (bigger) bigger.disabled = (p.size || 0) >= SIZES - 1;
  }
  function changePrefs(fn) {
    var p = readerPrefs();
    fn(p);
    save("hkns.reader", p);
    applyPrefs(p);
  }

  /* --- read aloud with the browser's own speech synthesis ---------------------------------- */
  var speech = { queue: [], playing: false };
  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices() || [];
    return voices.filter(function (v) { return (v.lang || "").toLowerCase().indexOf(lang) === 0; })[0];
  }
  function withVoices(done) {
    var synth = window.speechSynthesis;
    if ((synth.getVoices() || []).length) return done();
    var finished = false;
    function finish() { if (!finished) { finished = true; done(); } }
    synth.addEventListener && synth.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, 1200); // some phones never fire voiceschanged
  }
  function speakingButtons(on) {
    document.querySelector('[data-reader="speak"]').hidden = on;
    document.querySelector('[data-reader="pause"]').hidden = !on;
    document.querySelector('[data-reader="stop"]').hidden = !on;
    if (!on) document.querySelector('[data-reader="pause"]').textContent = UI.pause;
  }
  function readableBlocks() {
    var article = document.querySelector("article [data-search-body]") || document.querySelector("article");
    var blocks = article.querySelectorAll("h1, h2, h3, p, li, legend, .admonition-title, td");
    return Array.prototype.filter.call(blocks, function (el) {
      return !el.closest(".quiz-why, details, .reader-tools, .print-only, .lesson-reviewed") &&
        !el.querySelector("p, li") && el.textContent.trim();
    }).map(function (el) { return el.textContent.replace(/¶/g, "").trim(); });
  }
  function speak() {
    if (!("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) return status(UI.no_speech);
    var lang = doc.lang;
    withVoices(function () {
      var voice = voiceFor(lang);
      if (!voice) return status(UI.no_voice);
      var synth = window.speechSynthesis;
      synth.cancel();
      var texts = readableBlocks();
      texts.forEach(function (text, i) {
        var u = new SpeechSynthesisUtterance(text);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9; // a little slower than default: easier for older listeners
        if (i === texts.length - 1) u.onend = function () { speakingButtons(false); status(""); };
        synth.speak(u);
      });
      speakingButtons(true);
      status("");
    });
  }
  function pauseOrResume(btn) {
    var synth = window.speechSynthesis;
    if (synth.paused) { synth.resume(); btn.textContent = UI.pause; }
    else { synth.pause(); btn.textContent = UI.resume; }
  }
  function stopSpeaking() {
    window.speechSynthesis.cancel();
    speakingButtons(false);
  }

  /* --- "mark as learned" and progress per group -------------------------------------------- */
  function learned() { return load("hkns.learned", {}); }
  function showLearned() {
    var done = learned();
    var btn = document.querySelector('[data-reader="learned"]');
    if (btn) {
      var on = !!done[btn.dataset.lesson];
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "✓ " + UI.learned : UI.mark_learned;
    }
    var progress = document.querySelector(".group-progress");
    if (progress) {
      var links = document.querySelectorAll("article a[data-lesson]");
      var count = 0;
      links.forEach(function (a) {
        var li = a.closest("li");
        var is = !!done[a.dataset.lesson];
        if (is) count++;
        if (li) li.classList.toggle("is-learned", is);
      });
      progress.textContent = fill(UI.progress, { done: count, total: links.length });
    }
    showPractice();
  }
  // Practice exercises completed on this phone (assets/practice.js keeps "hkns.practice").
  function showPractice() {
    var out = document.querySelector(".practice-progress");
    if (!out) return;
    var results = load("hkns.practice", {});
    var links = document.querySelectorAll("article a[data-exercise]");
    var count = 0;
    links.forEach(function (a) {
      var is = !!(results[a.dataset.exercise] || {}).last;
      if (is) count++;
      var li = a.closest("li");
      if (li) li.classList.toggle("is-learned", is);
    });
    out.textContent = fill(out.dataset.text, { done: count, total: links.length });
  }
  function toggleLearned(btn) {
    var done = learned();
    if (done[btn.dataset.lesson]) delete done[btn.dataset.lesson];
    else done[btn.dataset.lesson] = new Date().toISOString().slice(0, 10);
    save("hkns.learned", done);
    showLearned();
  }

  /* --- save a group's lessons for offline use ---------------------------------------------- */
  function saveGroup(btn) {
    var out = document.querySelector(".offline-status");
    if (!("caches" in window)) { out.textContent = fill(UI.save_failed, { done: 0, total: 0 }); return; }
    var urls = Array.prototype.map.call(document.querySelectorAll("article a[data-lesson], article a[data-exercise]"), function (a) { return a.href; });
    var total = urls.length, done = 0, failed = 0;
    btn.disabled = true;
    out.textContent = fill(UI.saving, { done: 0, total: total });
    caches.open("hkns-pages").then(function (pages) {
      return caches.open("hkns-assets").then(function (assets) {
        return urls.reduce(function (chain, url) {
          return chain.then(function () {
            return fetch(url, { credentials: "same-origin" }).then(function (res) {
              if (!res.ok) throw new Error(res.status);
              return res.clone().text().then(function (html) {
                // the lesson's pictures come along, so steps that need them still make sense
                var imgs = (html.match(/<img[^>]+src="([^"]+)"/g) || []).map(function (tag) {
                  return new URL(tag.match(/src="([^"]+)"/)[1], url).href;
                }).filter(function (u) { return u.indexOf(location.origin) === 0; });
                return Promise.all([pages.put(url, res), keepScripts(pages, html, url)].concat(imgs.map(function (u) {
                  return assets.add(u).catch(function () {});
                })));
              });
            }).then(function () { done++; }, function () { failed++; }).then(function () {
              out.textContent = fill(UI.saving, { done: done, total: total });
            });
          });
        }, Promise.resolve());
      });
    }).then(saveSearch).then(function () {
      out.textContent = fill(failed ? UI.save_failed : UI.saved, { done: done, total: total });
      btn.disabled = false;
    });
  }

  // With a saved group comes the search page, so the saved lessons can be found offline too.
  // Files already stored are left alone (a new build refreshes them); the others are taken from the
  // browser's cache where the search page just downloaded them.
  function saveSearch() {
    var link = document.querySelector('a[href$="tim-kiem/"]');
    if (!link) return;
    var page = new URL(link.href);
    var files = [page.href, new URL("chi-muc.json", page).href,
      new URL("assets/minisearch.js", ROOT).href, new URL("assets/search.js", ROOT).href];
    return caches.open("hkns-pages").then(function (pages) {
      return Promise.all(files.map(function (u) {
        return pages.match(u).then(function (hit) { return hit || keep(pages, u); }).catch(function () {});
      }));
    });
  }

  /* --- wiring ------------------------------------------------------------------------------ */
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-reader], [data-offline-save]");
    if (!btn) return;
    var what = btn.dataset.reader;
    if (btn.hasAttribute("data-offline-save")) saveGroup(btn);
    else if (what === "bigger") changePrefs(function (p) { p.size = Math.min((p.size || 0) + 1, SIZES - 1); });
    else if (what === "smaller") changePrefs(function (p) { p.size = Math.max((p.size || 0) - 1, 0); });
    else if (what === "contrast") changePrefs(function (p) { p.contrast = !p.contrast; });
    else if (what === "speak") speak();
    else if (what === "pause") pauseOrResume(btn);
    else if (what === "stop") stopSpeaking();
    else if (what === "learned") toggleLearned(btn);
  });
  window.addEventListener("pagehide", function () {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  });


  /* --- light and dark: Material's palette switch, done here since its bundle is not loaded ---- */
  function setupPalette() {
    var inputs = Array.prototype.slice.call(document.querySelectorAll("input[name=__palette]"));
    if (!inputs.length) return;
    function apply(input) {
      ["scheme", "primary", "accent"].forEach(function (k) {
        document.body.setAttribute("data-md-color-" + k, input.getAttribute("data-md-color-" + k));
      });
      input.checked = true;
      // show the button that goes with this option (it switches to the next one), hide the others
      document.querySelectorAll("label[for^=__palette_]").forEach(function (label) {
        label.hidden = label !== input.nextElementSibling;
      });
    }
    // switch instantly: Material's colour transitions would otherwise show a half-light page
    doc.classList.add("palette-init");
    setTimeout(function () { doc.classList.remove("palette-init"); }, 300);
    var saved = window.__md_get && __md_get("__palette");
    var start = saved && typeof saved.index === "number" ? inputs[saved.index] : inputs.filter(function (i) {
      return matchMedia(i.getAttribute("data-md-color-media")).matches;
    })[0];
    apply(start || inputs[0]);
    inputs.forEach(function (input, index) {
      input.addEventListener("change", function () {
        apply(input);
        if (window.__md_set) __md_set("__palette", { index: index, color: {
          media: input.getAttribute("data-md-color-media"), scheme: input.getAttribute("data-md-color-scheme"),
          primary: input.getAttribute("data-md-color-primary"), accent: input.getAttribute("data-md-color-accent") } });
      });
    });
  }

  /* --- glossary words: tap or press Enter to read the explanation in place ----------------- */
  function setupTerms() {
    document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
      if (abbr.closest("a, button, label, summary")) return; // never a control inside a control
      abbr.tabIndex = 0;
      abbr.setAttribute("role", "button");
      abbr.setAttribute("aria-expanded", "false");
      function toggle() {
        var open = abbr.nextElementSibling && abbr.nextElementSibling.classList.contains("term-note");
        if (open) abbr.nextElementSibling.remove();
        else abbr.insertAdjacentHTML("afterend", '<span class="term-note"></span>'), abbr.nextElementSibling.textContent = " (" + abbr.title + ")";
        abbr.setAttribute("aria-expanded", open ? "false" : "true");
      }
      abbr.addEventListener("click", toggle);
      abbr.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
    });
  }

  setupPalette();
  setupTerms();
  setupQuiz();
  applyPrefs(readerPrefs());
  showLearned();
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register(new URL("sw.js", ROOT).href).then(function () {
      return navigator.serviceWorker.ready;
    }).then(keepThisPage).catch(function () {});
  }

  // Scripts and styles only some pages load (an exercise's practice.js) are kept with the pages, so
  // a new build refreshes them; those every page loads are already in the service worker's shell.
  function keepScripts(pages, html, base) {
    var urls = (html.match(/<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="[^"]+"/g) || []).map(function (tag) {
      return new URL(tag.match(/(?:src|href)="([^"]+)"$/)[1], base).href;
    }).filter(function (u) { return u.indexOf(location.origin) === 0; });
    return Promise.all(urls.map(function (u) {
      return caches.match(u).then(function (hit) { return hit || keep(pages, u); }).catch(function () {});
    }));
  }

  function keep(cache, url) {
    return fetch(url, { cache: "force-cache" }).then(function (res) { if (res.ok) return cache.put(url, res); });
  }

  // The page a reader opened stays on the phone (with its pictures): it opens again offline.
  function keepThisPage() {
    var url = location.href.split("#")[0];
    return caches.open("hkns-pages").then(function (pages) {
      return pages.match(url).then(function (hit) {
        if (hit) return;
        // force-cache: take the copy the browser just downloaded instead of fetching the page again
        var imgs = Array.prototype.map.call(document.querySelectorAll("article img"), function (i) { return i.src; })
          .filter(function (u) { return u.indexOf(location.origin) === 0; });
        return Promise.all([keep(pages, url), keepScripts(pages, document.documentElement.outerHTML, url)].concat(imgs.map(function (u) {
          return caches.open("hkns-assets").then(function (a) { return keep(a, u); }).catch(function () {});
        })));
      });
    }).then(function () {
      if (document.querySelector("[data-search]")) return saveSearch(); // the search page: its index too
    }).then(function () { doc.dataset.offlineReady = "1"; });
  }
})();
