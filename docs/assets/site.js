/* Học kỹ năng số: self-check questions work on the page, with no server. */
(function () {
  "use strict";
  var T = {
    vi: { right: "Đúng rồi! ", wrong: "Chưa đúng. Đáp án đúng: " },
    en: { right: "Right! ", wrong: "Not quite. The right answer: " }
  };
  function words() { return T[document.documentElement.lang] || T.vi; }

  function setupQuiz(root) {
    root.querySelectorAll("form.quiz-q").forEach(function (form) {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.addEventListener("change", function (e) {
        if (e.target.type !== "radio") return;
        var right = form.dataset.correct;
        var feedback = form.querySelector(".quiz-feedback");
        var why = form.querySelector(".quiz-why");
        var options = form.querySelectorAll("label");
        var rightText = options[right].textContent.trim();
        var ok = e.target.value === right;
        feedback.className = "quiz-feedback " + (ok ? "is-right" : "is-wrong");
        feedback.textContent = ok ? words().right + why.querySelectorAll("p")[1].textContent
                                  : words().wrong + rightText;
        why.open = true;
      });
    });
  }
  // Material's instant navigation replaces the page body: document$ tells us when.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { setupQuiz(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setupQuiz(document); });
  }
})();
