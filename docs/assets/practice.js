/* Học kỹ năng số — practice exercises (/thuc-hanh/<id>/). The page already holds every screen,
   answer and explanation (scripts/render_exercises.py); this script shows one item at a time, checks
   answers, says right or wrong in a live region, and keeps results on the phone (localStorage
   "hkns.practice", read by site.js for group progress). It sends nothing and fetches nothing.
   Class mode (?lop=1 or the button): large, one item at a time, the trainer reveals the answer. */
(function () {
  "use strict";
  var root = document.querySelector(".px");
  if (!root) return;
  var W = JSON.parse(root.querySelector(".px-words").textContent);
  var KEY = "hkns.practice";
  var id = root.dataset.practice;
  var activity = root.dataset.activity;
  var live = root.querySelector(".px-live");
  var done = root.querySelector(".px-done");
  var BAD = { scam: 1, unsafe: 1, weak: 1 };
  var pristine = {};  // item id -> its HTML as built, to start again without reloading
  var items = function () { return [].slice.call(root.querySelectorAll(".px-item")); };
  var current = 0;
  var classMode = /[?&]lop(=|&|$)/.test(location.search);

  function $(sel, el) { return (el || root).querySelector(sel); }
  function $$(sel, el) { return [].slice.call((el || root).querySelectorAll(sel)); }
  function fill(text, v) { return String(text).replace(/\{(\w+)\}/g, function (_, k) { return v[k]; }); }
  function today() { var d = new Date(); return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2); }
  function dateVi(iso) { var p = iso.split("-"); return +p[2] + "/" + +p[1] + "/" + p[0]; }
  function say(text) {
    // the same words twice are still announced: a no-break space makes the text differ
    live.textContent = live.textContent === text ? text + "\u00a0" : text;
  }
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; } }
  function mine() { return load()[id] || { items: {} }; }
  function keep(rec) {
    if (classMode) return; // a class's answers are not one learner's results
    var all = load();
    all[id] = rec;
    try { localStorage.setItem(KEY, JSON.stringify(all)); } catch (e) { /* private mode: keep going */ }
  }
  function record(itemId, ok) {
    var rec = mine();
    rec.items = rec.items || {};
    if (itemId in rec.items) return;
    rec.items[itemId] = ok ? 1 : 0;
    keep(rec);
  }

  /* --- one item at a time ------------------------------------------------------------------- */
  function show(i, focus) {
    var all = items();
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (sec, k) { sec.hidden = k !== current; });
    done.hidden = true;
    nav(all[current]);
    if (focus) $(".px-item-h", all[current]).focus();
  }
  function finished(sec) { return sec.dataset.done === "1"; }
  function nav(sec) {
    var last = sec === items()[items().length - 1];
    var next = $(".px-next", sec);
    next.hidden = !(classMode || finished(sec));
    next.textContent = last ? W.finish + " ▶" : next.textContent;
    $(".px-prev", sec).hidden = !classMode || sec === items()[0];
    $(".px-reveal", sec).hidden = !classMode || finished(sec) || sec.classList.contains("px-form-item");
  }
  function finish(sec, ok) {
    if (finished(sec)) return;
    sec.dataset.done = "1";
    sec.dataset.ok = ok ? "1" : "0";
    record(sec.dataset.item, ok);
    nav(sec);
  }
  function next() {
    if (current < items().length - 1) return show(current + 1, true);
    results();
  }

  /* --- real or scam, spot the clue ---------------------------------------------------------- */
  function startHunt(sec) {
    var hunt = $(".px-hunt", sec);
    hunt.hidden = false;
    $$(".px-seg", sec).forEach(function (span) {
      if (span.tagName === "BUTTON") return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "px-seg";
      b.dataset.seg = span.dataset.seg;
      b.id = span.id;
      b.textContent = span.textContent;
      span.replaceWith(b);
    });
    left(sec);
  }
  function clueCount(sec) { return +sec.dataset.clues; }
  function found(sec) { return $$(".px-why.is-clue:not([hidden])", sec).length; }
  function left(sec) {
    var n = clueCount(sec) - found(sec);
    $(".px-left", sec).textContent = clueCount(sec) ? (n ? fill(W.left, { n: n }) : fill(W.all_found, { n: clueCount(sec) })) : "";
    return n;
  }
  function reveal(sec, sid) {
    var why = $('.px-why[data-why="' + sid + '"]', sec);
    var seg = $('.px-seg[data-seg="' + sid + '"]', sec);
    why.hidden = false;
    if (seg && !seg.classList.contains("is-seen")) {
      seg.classList.add("is-seen", why.dataset.clue === "1" ? "is-clue" : "is-decoy");
      var note = document.createElement("span");
      note.className = "sr-only";
      note.textContent = " (" + $(".px-kind", why).textContent.replace(/[()]/g, "") + ")";
      seg.appendChild(note);
      seg.setAttribute("aria-describedby", why.id);
    }
    return why;
  }
  function tapSegment(sec, btn) {
    if (!$(".px-hunt", sec) || $(".px-hunt", sec).hidden) return;
    var why = reveal(sec, btn.dataset.seg);
    var isClue = why.dataset.clue === "1";
    var text = why.textContent.replace(/^“[^”]*”\s*\([^)]*\):\s*/, "");
    var n = left(sec);
    var words = (isClue ? W.found : W.not_clue) + " " + text;
    if (isClue && !n && !finished(sec)) {
      words += " " + fill(W.all_found, { n: clueCount(sec) });
      $(".px-result", sec).hidden = false;
      finish(sec, activity === "spot-clue" ? sec.dataset.showed !== "1" : sec.dataset.ok === "1");
    } else if (isClue && n) {
      words += " " + fill(W.left, { n: n });
    }
    say(words);
  }
  function showAll(sec) {
    sec.dataset.showed = "1";
    $$(".px-why", sec).forEach(function (w) { reveal(sec, w.dataset.why); });
    left(sec);
    $(".px-result", sec).hidden = false;
    finish(sec, activity === "spot-clue" ? false : sec.dataset.ok === "1");
    say(fill(W.all_found, { n: clueCount(sec) }));
  }
  function choose(sec, btn) {
    if (sec.dataset.chosen) return;
    var verdict = sec.dataset.verdict;
    var ok = btn.dataset.choice === verdict;
    sec.dataset.chosen = btn.dataset.choice;
    sec.dataset.ok = ok ? "1" : "0";
    $$(".px-choice", sec).forEach(function (b) { b.setAttribute("aria-pressed", b === btn ? "true" : "false"); });
    var answer = $('.px-choice[data-choice="' + verdict + '"]', sec).textContent;
    var mark = $(".px-mark", sec);
    mark.textContent = ok ? "✓ " + W.right : "✗ " + W.wrong + " " + fill(W.answer_is, { answer: answer });
    mark.className = "px-mark " + (ok ? "is-right" : "is-wrong");
    mark.removeAttribute("aria-hidden");
    $(".px-result", sec).hidden = false;
    var words = (ok ? W.right : W.wrong) + " " + fill(W.answer_is, { answer: answer });
    if (BAD[verdict]) {
      startHunt(sec);
      words += " " + $(".px-hunt-q", sec).textContent;
      $("button.px-seg", sec).focus(); // keyboard users go straight to the parts to tap
    } else {
      startHunt(sec);
      $$(".px-why", sec).forEach(function (w) { reveal(sec, w.dataset.why); });
      finish(sec, ok);
    }
    say(words);
  }

  /* --- put the steps in order ---------------------------------------------------------------- */
  function steps(sec) { return $$(".px-step", sec); }
  function moves(sec) {
    var all = steps(sec);
    all.forEach(function (li, k) {
      $(".px-up", li).disabled = k === 0;
      $(".px-down", li).disabled = k === all.length - 1;
    });
  }
  function move(sec, btn, up) {
    var li = btn.closest(".px-step");
    var list = li.parentNode;
    if (up && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
    else if (!up && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
    $$(".px-step-mark", sec).forEach(function (m) { m.textContent = ""; });
    $$(".px-step", sec).forEach(function (s) { s.classList.remove("is-right", "is-wrong"); });
    moves(sec);
    (btn.disabled ? $(up ? ".px-down" : ".px-up", li) : btn).focus();
    var all = steps(sec);
    say(fill(W.moved, { pos: all.indexOf(li) + 1, total: all.length }));
  }
  function mark(sec) {
    var right = 0;
    steps(sec).forEach(function (li, k) {
      var ok = +li.dataset.step === k;
      if (ok) right++;
      li.classList.toggle("is-right", ok);
      li.classList.toggle("is-wrong", !ok);
      $(".px-step-mark", li).textContent = ok ? "✓ " + W.step_ok : "✗ " + W.step_wrong;
    });
    return right;
  }
  function check(sec) {
    var total = steps(sec).length;
    var right = mark(sec);
    var all = right === total;
    if (!sec.dataset.tries) sec.dataset.firstOk = all ? "1" : "0";
    sec.dataset.tries = (+sec.dataset.tries || 0) + 1;
    var m = $(".px-mark", sec);
    if (all) {
      m.textContent = "✓ " + W.order_right;
      m.className = "px-mark is-right";
      m.removeAttribute("aria-hidden");
      $(".px-result", sec).hidden = false;
      finish(sec, sec.dataset.firstOk === "1");
      say(W.order_right + " " + $(".px-explain", sec).textContent);
    } else {
      say(fill(W.in_place, { n: right, total: total }));
    }
  }
  function showOrder(sec) {
    var list = $(".px-order", sec);
    steps(sec).sort(function (a, b) { return a.dataset.step - b.dataset.step; }).forEach(function (li) { list.appendChild(li); });
    moves(sec);
    mark(sec);
    $(".px-result", sec).hidden = false;
    if (!sec.dataset.tries) sec.dataset.firstOk = "0";
    finish(sec, sec.dataset.firstOk === "1");
    say($(".px-explain", sec).textContent);
  }

  /* --- the practice form: checks, a practice code, a receipt ----------------------------------- */
  var CHECKS = {
    digits: function (v) { return /^\d+$/.test(v.replace(/\s/g, "")); },
    phone: function (v) { return /^0\d{9,10}$/.test(v.replace(/[\s.]/g, "")); },
    email: function (v) { return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v); },
    "past-date": function (v) { return v <= today(); }
  };
  function fieldOk(field) {
    var input = $("input, select", field);
    var type = field.dataset.type;
    var required = field.dataset.required === "1";
    if (type === "checkbox") return input.checked || !required;
    if (type === "file") return (input.files && input.files.length > 0) || !required;
    var v = (input.value || "").trim();
    if (!v) return !required;
    var check = CHECKS[field.dataset.check];
    return !check || check(v);
  }
  function submitForm(sec) {
    var wrong = [];
    $$(".px-field", sec).forEach(function (field) {
      var ok = fieldOk(field);
      var input = $("input, select", field);
      $(".px-error", field).hidden = ok;
      if (ok) input.removeAttribute("aria-invalid"); else { input.setAttribute("aria-invalid", "true"); wrong.push(field); }
    });
    var box = $(".px-errors", sec);
    if (wrong.length) {
      var h = $(".px-errors-h", box);
      h.textContent = fill(h.dataset.text, { n: wrong.length });
      var ul = $("ul", box);
      ul.textContent = "";
      wrong.forEach(function (field) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + $("input, select", field).id;
        var words = $(".px-error", field).cloneNode(true);
        $$("sup, .px-x", words).forEach(function (n) { n.remove(); }); // no citation numbers in a link
        a.textContent = words.textContent.trim();
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.hidden = false;
      box.focus();
      say(fill(W.form_fix, { n: wrong.length }));
      return;
    }
    box.hidden = true;
    var code = String(100000 + Math.floor(Math.random() * 900000));
    sec.dataset.code = code;
    var sms = $(".px-otp-sms", sec);
    sms.textContent = fill(sms.dataset.text, { code: code });
    $(".px-form", sec).hidden = true;
    $(".px-otp", sec).hidden = false;
    $("#pxf-otp", sec).focus();
    say(W.otp_sent + " " + sms.textContent);
  }
  function confirmCode(sec) {
    var input = $("#pxf-otp", sec);
    var ok = input.value.replace(/\s/g, "") === sec.dataset.code;
    $("#pxf-otp-err", sec).hidden = ok;
    if (!ok) { input.setAttribute("aria-invalid", "true"); say($("#pxf-otp-err", sec).textContent.replace(/^✗\s*/, "")); return; }
    input.removeAttribute("aria-invalid");
    var letters = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    var receipt = "TAP-";
    for (var i = 0; i < 8; i++) receipt += letters[Math.floor(Math.random() * letters.length)];
    $(".px-receipt-code", sec).textContent = receipt;
    $(".px-otp", sec).hidden = true;
    $(".px-receipt", sec).hidden = false;
    finish(sec, true);
    $(".px-receipt-h", sec).focus();
    say($(".px-receipt-h", sec).textContent + ". " + $(".px-receipt", sec).textContent.replace($(".px-receipt-h", sec).textContent, ""));
  }

  /* --- class mode: the trainer reveals the answer ------------------------------------------ */
  function revealAnswer(sec) {
    if ($(".px-order", sec)) return showOrder(sec);
    var verdict = sec.dataset.verdict;
    var m = $(".px-mark", sec);
    if (verdict) {
      m.textContent = $('.px-choice[data-choice="' + verdict + '"]', sec).textContent;
      m.className = "px-mark is-answer";
      m.removeAttribute("aria-hidden");
    }
    startHunt(sec);
    showAll(sec);
  }
  function setClass(on) {
    classMode = on;
    root.classList.toggle("px-class", on);
    document.documentElement.classList.toggle("px-class-on", on);
    $(".px-class-toggle").setAttribute("aria-pressed", on ? "true" : "false");
    if (!done.hidden) return;
    nav(items()[current]);
  }

  /* --- results ----------------------------------------------------------------------------- */
  function results() {
    var rec = mine();
    var all = items();
    var score = all.filter(function (sec) { return (rec.items || {})[sec.dataset.item] === 1 || sec.dataset.ok === "1"; }).length;
    if (!classMode) {
      rec.last = { score: score, total: all.length, date: today() };
      rec.items = {};
      keep(rec);
    }
    showResult(score, all.length, today());
    $("h2", done).focus();
    say($(".px-score", done).textContent);
  }
  function showResult(score, total, date) {
    items().forEach(function (sec) { sec.hidden = true; });
    // A class answers aloud: its end screen gives no score, since nobody's answers were recorded.
    var h = $("h2", done);
    h.dataset.title = h.dataset.title || h.textContent;
    h.textContent = classMode ? W.class_done_title : h.dataset.title;
    $(".px-score", done).textContent = classMode ? fill(W.class_done, { total: total })
      : activity === "practice-form" ? W.form_done : fill(W.score, { n: score, total: total });
    $(".px-when", done).textContent = classMode ? "" : fill(W.last_time, { date: dateVi(date) });
    done.hidden = false;
  }
  function again() {
    var rec = mine();
    rec.items = {};
    keep(rec);
    items().forEach(function (sec) {
      sec.innerHTML = pristine[sec.dataset.item];
      ["done", "ok", "chosen", "showed", "tries", "firstOk", "code"].forEach(function (k) { delete sec.dataset[k]; });
      setup(sec);
    });
    $(".px-resume").hidden = true;
    show(0, true);
  }

  /* --- wiring (one listener each: items are rebuilt by "Try again") ------------------------ */
  function setup(sec) {
    $$(".px-result, .px-hunt, .px-whys .px-why, .px-errors", sec).forEach(function (el) { el.hidden = true; });
    if ($(".px-order", sec)) moves(sec);
    if (activity === "spot-clue") startHunt(sec);
  }
  root.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("button, .px-errors a");
    if (!btn || !root.contains(btn)) return;
    var sec = btn.closest(".px-item");
    var c = btn.classList;
    if (btn.tagName === "A") { e.preventDefault(); var f = document.getElementById(btn.getAttribute("href").slice(1)); if (f) f.focus(); }
    else if (c.contains("px-class-toggle")) setClass(!classMode);
    else if (c.contains("px-again")) again();
    else if (!sec) return;
    else if (c.contains("px-choice")) { if (!classMode) choose(sec, btn); }
    else if (c.contains("px-seg")) tapSegment(sec, btn);
    else if (c.contains("px-show-all")) showAll(sec);
    else if (c.contains("px-up") || c.contains("px-down")) move(sec, btn, c.contains("px-up"));
    else if (c.contains("px-check")) check(sec);
    else if (c.contains("px-show-order")) showOrder(sec);
    else if (c.contains("px-otp-ok")) confirmCode(sec);
    else if (c.contains("px-reveal")) revealAnswer(sec);
    else if (c.contains("px-next")) next();
    else if (c.contains("px-prev")) show(current - 1, true);
  });
  root.addEventListener("submit", function (e) {
    e.preventDefault(); // nothing leaves the phone
    submitForm(e.target.closest(".px-item"));
  });
  root.addEventListener("keydown", function (e) {
    if (e.target.id === "pxf-otp" && e.key === "Enter") { e.preventDefault(); confirmCode(e.target.closest(".px-item")); }
  });
  root.addEventListener("change", function (e) {
    var field = e.target.closest(".px-field-file");
    if (!field) return;
    var out = $(".px-file-name", field);
    out.textContent = e.target.files && e.target.files.length ? out.dataset.chosen + ": " + e.target.files[0].name : "";
  });
  // A clicker's Page Down / arrow keys move between items in class mode.
  document.addEventListener("keydown", function (e) {
    if (!classMode || e.altKey || e.ctrlKey || e.metaKey || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return;
    if (e.key === "PageDown" || e.key === "ArrowRight") { e.preventDefault(); next(); }
    else if (e.key === "PageUp" || e.key === "ArrowLeft") { e.preventDefault(); if (done.hidden) show(current - 1, true); else show(items().length - 1, true); }
  });

  items().forEach(function (sec) { pristine[sec.dataset.item] = sec.innerHTML; setup(sec); });
  root.classList.add("px-ready");
  if (classMode) setClass(true);
  var rec = mine();
  var answered = items().filter(function (sec) { return sec.dataset.item in (rec.items || {}); });
  if (!classMode && rec.last && !answered.length) {
    showResult(rec.last.score, rec.last.total, rec.last.date);
  } else if (!classMode && answered.length && answered.length < items().length) {
    var first = items().findIndex(function (sec) { return !(sec.dataset.item in rec.items); });
    var note = $(".px-resume");
    note.textContent = fill(W.resume, { n: answered.length, total: items().length, next: first + 1 });
    note.hidden = false;
    answered.forEach(function (sec) { sec.dataset.ok = String(rec.items[sec.dataset.item]); });
    show(first, false);
  } else {
    show(0, false);
  }
})();
