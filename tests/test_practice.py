"""Practice by doing: exercises on imitation screens at /thuc-hanh/<id>/, in Debian's Chromium.

Every exercise is completed by touch and by keyboard in both locales, with a wrong answer on purpose
(it must be explained); axe finds nothing in the answered state; results stay on the phone after a
reload, show on the group page and work offline; class mode is large, one item at a time, and only
the trainer reveals the answer. The content itself: at least 12 exercises in both locales, at least
40 real-or-scam items, every activity and screen the issue names.
"""

from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT, serve

sys.path.insert(0, str(ROOT / "scripts"))
from content import load_content  # noqa: E402
from render import strings  # noqa: E402

CONTENT = load_content()
EXERCISES = sorted(CONTENT.exercises)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
JS = {lang: {k: v[lang] for k, v in strings()["practice"]["js"].items()} for lang in ("vi", "en")}
SAMPLE_FILE = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


def url(xid: str, lang: str = "vi") -> str:
    return ("/en" if lang == "en" else "") + f"/thuc-hanh/{xid}/"


# --- the content ----------------------------------------------------------------------------------

def test_at_least_twelve_exercises_in_both_locales_with_forty_real_or_scam_items():
    assert len(CONTENT.exercises) >= 12, EXERCISES
    assert all("en" in x.docs for x in CONTENT.exercises.values())
    assert sum(x.judged_items for x in CONTENT.exercises.values()) >= 40


def test_every_activity_and_screen_the_issue_names_is_covered():
    activities = {x.activity for x in CONTENT.exercises.values()}
    assert activities >= {"real-or-scam", "spot-clue", "order-steps", "practice-form"}
    screens = {it["screen"] for x in CONTENT.exercises.values() for it in x.meta.get("items", []) if "screen" in it}
    assert screens >= {"sms", "chat", "call", "web", "bank-confirm", "payment-notice", "password"}
    verdicts = {it.get("verdict") for x in CONTENT.exercises.values() for it in x.meta.get("items", [])}
    assert {"scam", "real"} <= verdicts, "both scams and real messages to tell apart"


def test_every_exercise_is_linked_from_the_lessons_it_practises_and_listed(site):
    for x in CONTENT.exercises.values():
        for lid in x.meta["lessons"]:
            for prefix in ("", "en/"):
                html = (site / f"{prefix}bai-hoc/{lid}/index.html").read_text(encoding="utf-8")
                assert f'href="../../thuc-hanh/{x.id}/"' in html, (lid, x.id, prefix)
        for prefix in ("", "en/"):
            assert f'data-exercise="{x.id}"' in (site / f"{prefix}thuc-hanh/index.html").read_text(encoding="utf-8")


def test_catalog_lists_every_exercise_with_its_lessons_and_class_mode(site):
    catalog = json.loads((site / "api/catalog.json").read_text(encoding="utf-8"))
    listed = {x["id"]: x for x in catalog["exercises"]}
    assert set(listed) == set(CONTENT.exercises)
    some = listed[EXERCISES[0]]
    assert some["url"]["en"].endswith(f"/en/thuc-hanh/{EXERCISES[0]}/") and some["class_mode"]["vi"].endswith("?lop=1")
    by_lesson = {le["id"]: le["exercises"] for le in catalog["lessons"]}
    for x in CONTENT.exercises.values():
        assert all(x.id in by_lesson[lid] for lid in x.meta["lessons"])


def test_exercise_pages_are_labelled_as_practice_and_load_their_script_only_there(site):
    for xid in EXERCISES:
        html = (site / f"thuc-hanh/{xid}/index.html").read_text(encoding="utf-8")
        assert "<strong>Bài tập mô phỏng.</strong>" in html
        if CONTENT.exercises[xid].activity in ("real-or-scam", "spot-clue"):  # every imitation screen says so
            assert html.count('class="px-tag">') == html.count('<figure class="px-screen') == len(CONTENT.exercises[xid].meta["items"])
            assert html.count("(mô phỏng)</figcaption>") == len(CONTENT.exercises[xid].meta["items"])
        assert "assets/practice.js" in html and "assets/practice.css" in html
        widget = html.split('<div class="px"', 1)[1].split("</article>", 1)[0]
        assert not re.search(r"<script(?![^>]*application/json)", widget), "no inline script (CSP): data only"
        assert not re.search(r" on[a-z]+=| style=", widget), "no inline handlers or styles (CSP)"
    assert "practice.js" not in (site / "bai-hoc/nhan-dien-lua-dao-truc-tuyen/index.html").read_text(encoding="utf-8")


# --- doing every exercise, by touch and by keyboard --------------------------------------------------

@pytest.fixture(scope="module")
def phone(browser, base_url):
    """One phone for the module's runs (pages reused); service workers off: offline is tested below."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True,
                                  has_touch=True, base_url=base_url, service_workers="block")
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    yield page
    context.close()


def fresh(page, path: str) -> None:
    page.goto(path)
    page.evaluate("localStorage.removeItem('hkns.practice')")
    page.reload()
    page.wait_for_selector(".px.px-ready")


def act(page, locator, how: str) -> None:
    """A tap on a phone, or Enter on the focused control from the keyboard."""
    if how == "touch":
        locator.tap()
    else:
        locator.focus()
        page.keyboard.press("Enter")


def live(page) -> str:
    return page.locator(".px-live").inner_text().strip()


def axe(page) -> list[str]:
    # the page's Content Security Policy refuses an added <script>: evaluate axe's source directly
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
                         ".map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(' ')}`)", TAGS)


def small_targets(page) -> list:
    return page.evaluate("""[...document.querySelectorAll('.px button, .px input, .px select')]
        .filter(e => e.offsetParent && e.type !== 'checkbox')
        .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
        .filter(([_, r]) => r.width < 44 || r.height < 44).map(([t, r]) => [t, r.width, r.height])""")


def do_screen_item(page, sec, n: int, how: str, words: dict, activity: str) -> None:
    verdict = sec.get_attribute("data-verdict")
    if activity == "real-or-scam":
        choices = sec.locator(".px-choice")
        right = sec.locator(f'.px-choice[data-choice="{verdict}"]')
        wrong = sec.locator(f'.px-choice:not([data-choice="{verdict}"])')
        act(page, wrong if n % 2 else right, how)  # every other item answered wrong on purpose
        mark = sec.locator(".px-mark").inner_text()
        if n % 2:
            assert mark.startswith("✗") and words["wrong"] in live(page), (mark, live(page))
        else:
            assert mark.startswith("✓") and words["right"] in live(page)
        explain = sec.locator(".px-explain")
        assert explain.is_visible() and len(explain.inner_text()) > 30, "every answer is explained"
        assert choices.count() == 2
    clue_ids = sec.locator('.px-why[data-clue="1"]').evaluate_all("els => els.map(e => e.dataset.why)")
    decoy_ids = sec.locator('.px-why[data-clue="0"]').evaluate_all("els => els.map(e => e.dataset.why)")
    if clue_ids:
        if decoy_ids:  # a part that gives nothing away is explained too
            act(page, sec.locator(f'button.px-seg[data-seg="{decoy_ids[0]}"]'), how)
            assert words["not_clue"] in live(page)
            assert sec.locator(f'.px-why[data-why="{decoy_ids[0]}"]').is_visible()
        for sid in clue_ids:
            act(page, sec.locator(f'button.px-seg[data-seg="{sid}"]'), how)
            assert words["found"] in live(page)
            assert sec.locator(f'.px-why[data-why="{sid}"]').is_visible()
        assert sec.locator(".px-explain").is_visible()
    else:
        assert all(sec.locator(f'.px-why[data-why="{d}"]').is_visible() for d in decoy_ids)


def do_order_item(page, sec, how: str, words: dict) -> None:
    act(page, sec.locator(".px-check"), how)  # shuffled: not all in place yet
    assert re.search(words["in_place"].replace("{n}", r"\d+").replace("{total}", r"\d+"), live(page)), live(page)
    assert sec.locator(".px-step-mark", has_text="✗").count() >= 1
    total = sec.locator(".px-step").count()
    for k in range(total):
        steps = [int(s) for s in sec.locator(".px-step").evaluate_all("els => els.map(e => e.dataset.step)")]
        for _ in range(steps.index(k) - k):
            act(page, sec.locator(f'.px-step[data-step="{k}"] .px-up'), how)
    assert [int(s) for s in sec.locator(".px-step").evaluate_all("els => els.map(e => e.dataset.step)")] == list(range(total))
    act(page, sec.locator(".px-check"), how)
    assert words["order_right"] in live(page)
    assert sec.locator(".px-explain").is_visible()


def do_form(page, sec, how: str, tmp_path) -> None:
    act(page, sec.locator(".px-form button[type=submit]"), how)
    summary = sec.locator(".px-errors")
    assert summary.is_visible() and page.evaluate("document.activeElement.classList.contains('px-errors')")
    assert sec.locator(".px-error:visible").count() >= 5, "each wrong box says what to fix"
    before = len(page.requests)
    for field in sec.locator(".px-field").all():
        kind = field.get_attribute("data-type")
        control = field.locator("input, select").first
        sample = field.locator(".px-sample").inner_text() if field.locator(".px-sample").count() else ""
        if kind == "file":
            path = tmp_path / "giay-to.gif"
            path.write_bytes(SAMPLE_FILE)
            control.set_input_files(str(path))  # the system file picker cannot be driven by keys
        elif kind == "checkbox":
            control.focus() if how == "keyboard" else control.tap()
            if how == "keyboard":
                page.keyboard.press("Space")
        elif kind == "select":
            if how == "keyboard":
                control.focus()
                page.keyboard.press("ArrowDown")
            else:
                control.select_option(index=1)
        elif kind == "date":
            control.focus()
            page.keyboard.type("01011960")
        else:
            control.focus()
            page.keyboard.type(sample or "x")
    act(page, sec.locator(".px-form button[type=submit]"), how)
    assert sec.locator(".px-otp").is_visible(), sec.locator(".px-errors").inner_text()
    code = re.search(r"\d{6}", sec.locator(".px-otp-sms").inner_text()).group(0)
    page.keyboard.type("000000")  # the code box has the focus
    page.keyboard.press("Enter")
    assert sec.locator("#pxf-otp-err").is_visible()
    sec.locator("#pxf-otp").fill("")
    sec.locator("#pxf-otp").focus()
    page.keyboard.type(code)
    act(page, sec.locator(".px-otp-ok"), how)
    assert re.fullmatch(r"TAP-[A-Z0-9]{8}", sec.locator(".px-receipt-code").inner_text())
    assert len(page.requests) == before, "nothing was sent anywhere"


def complete(page, xid: str, lang: str, how: str, tmp_path, check_axe: bool = False) -> str:
    fresh(page, url(xid, lang))
    words = JS[lang]
    activity = page.locator(".px").get_attribute("data-activity")
    total = page.locator(".px-item").count()
    for n in range(total):
        sec = page.locator(".px-item:visible")
        assert sec.count() == 1, "one item at a time"
        assert sec.get_attribute("data-item") == page.locator(".px-item").nth(n).get_attribute("data-item")
        if activity in ("real-or-scam", "spot-clue"):
            do_screen_item(page, sec, n, how, words, activity)
        elif activity == "order-steps":
            do_order_item(page, sec, how, words)
        else:
            do_form(page, sec, how, tmp_path)
        if check_axe and n == 0:
            assert axe(page) == [], f"{xid} {lang}"
            assert small_targets(page) == []
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        act(page, sec.locator(".px-next"), how)
    done = page.locator(".px-done")
    assert done.is_visible()
    return done.locator(".px-score").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("xid", EXERCISES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_exercise_completes_by_touch(phone, base_url, xid, lang, tmp_path):
    score = complete(phone, xid, lang, "touch", tmp_path, check_axe=True)
    stored = phone.evaluate("JSON.parse(localStorage.getItem('hkns.practice'))")[xid]
    assert stored["last"]["total"] == phone.locator(".px-item").count()
    assert str(stored["last"]["score"]) in score or "form" in phone.locator(".px").get_attribute("data-activity")
    assert [u for u in phone.requests if not u.startswith(base_url)] == [], "no request to another origin"


@pytest.mark.browser
@pytest.mark.parametrize("xid", EXERCISES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_exercise_completes_by_keyboard(phone, xid, lang, tmp_path):
    complete(phone, xid, lang, "keyboard", tmp_path)
    assert phone.evaluate("document.activeElement.id") == "px-done-h", "focus follows the learner to the result"


# --- results, offline, class mode, reading ------------------------------------------------------------

def first_screen_exercise() -> str:
    return next(x for x in EXERCISES if CONTENT.exercises[x].activity == "real-or-scam")


@pytest.mark.browser
def test_results_persist_after_reload_and_show_in_group_progress(phone, tmp_path):
    xid = first_screen_exercise()
    score = complete(phone, xid, "vi", "touch", tmp_path)
    phone.reload()
    phone.wait_for_selector(".px.px-ready")
    assert phone.locator(".px-done").is_visible() and phone.locator(".px-score").inner_text() == score
    assert phone.locator(".px-item:visible").count() == 0
    group = next(g for g in CONTENT.data.groups if CONTENT.exercises[xid] in CONTENT.exercises_in_group(g["slug"]))
    phone.goto(f"/nhom/{group['slug']}/")
    total = phone.locator("article a[data-exercise]").count()
    assert phone.locator(".practice-progress").inner_text().startswith(f"Bạn đã làm xong 1/{total}")
    assert phone.locator(f'li.is-learned a[data-exercise="{xid}"]').count() == 1
    phone.goto(url(xid))
    phone.locator(".px-again").tap()
    assert phone.locator(".px-item:visible").count() == 1 and phone.locator(".px-mark:visible").count() == 0


@pytest.mark.browser
def test_an_interrupted_exercise_resumes_where_it_stopped(phone, tmp_path):
    xid = first_screen_exercise()
    fresh(phone, url(xid))
    sec = phone.locator(".px-item:visible")
    do_screen_item(phone, sec, 0, "touch", JS["vi"], "real-or-scam")
    phone.reload()
    phone.wait_for_selector(".px.px-ready")
    assert phone.locator(".px-resume").inner_text().startswith("Bạn đã làm 1/")
    assert phone.locator(".px-item:visible").get_attribute("data-item") == phone.locator(".px-item").nth(1).get_attribute("data-item")


@pytest.mark.browser
def test_class_mode_is_large_one_item_and_the_trainer_reveals_the_answer(phone):
    xid = first_screen_exercise()
    fresh(phone, url(xid) + "?lop=1")
    assert phone.evaluate("document.documentElement.classList.contains('px-class-on')")
    sec = phone.locator(".px-item:visible")
    assert sec.count() == 1
    assert not sec.locator(".px-choice").first.is_visible(), "the class answers aloud, not on the screen"
    assert not sec.locator(".px-result").is_visible()
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.px-item:not([hidden]) .px-body p')).fontSize)")
    assert size >= 20, size
    sec.locator(".px-reveal").tap()
    assert sec.locator(".px-result").is_visible() and sec.locator(".px-why.is-clue:visible").count() >= 1
    assert axe(phone) == []
    phone.locator("body").focus()
    phone.keyboard.press("PageDown")  # a presenter's clicker
    assert phone.locator(".px-item:visible").get_attribute("data-item") == phone.locator(".px-item").nth(1).get_attribute("data-item")
    phone.keyboard.press("PageUp")
    assert phone.locator(".px-item:visible").get_attribute("data-item") == phone.locator(".px-item").nth(0).get_attribute("data-item")
    for _ in range(phone.locator(".px-item").count()):  # through to the end of the exercise
        phone.keyboard.press("PageDown")
    assert phone.locator("#px-done-h").is_visible() and phone.locator("#px-done-h").inner_text() == "Hết bài tập"
    assert "đúng" not in phone.locator(".px-score").inner_text(), "a class that answered aloud gets no score"
    assert phone.evaluate("localStorage.getItem('hkns.practice')") is None, "a class's answers are nobody's results"
    phone.locator(".px-class-toggle").tap()
    assert not phone.evaluate("document.documentElement.classList.contains('px-class-on')")


@pytest.mark.browser
def test_text_size_controls_apply_and_nothing_scrolls_sideways_at_360px(phone):
    for xid in EXERCISES:
        fresh(phone, url(xid))
        base = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.px-item-h')).fontSize)")
        for _ in range(4):
            phone.locator('[data-reader="bigger"]').tap()
        assert phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.px-item-h')).fontSize)") >= 1.8 * base
        if CONTENT.exercises[xid].activity in ("real-or-scam", "spot-clue"):
            sec = phone.locator(".px-item:visible")
            if sec.locator(".px-choice").count():
                sec.locator(".px-choice").first.tap()
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), xid
        assert small_targets(phone) == [], xid
        phone.locator('[data-reader="smaller"]').tap()
        phone.evaluate("localStorage.removeItem('hkns.reader')")


@pytest.mark.browser
def test_an_exercise_opened_once_works_offline(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, base_url=base_url)
    page = context.new_page()
    xid = first_screen_exercise()
    page.goto(url(xid))
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".px.px-ready")  # practice.js came from the phone
    assert page.evaluate("getComputedStyle(document.querySelector('.px-btn')).minHeight") == "44px", "practice.css too"
    do_screen_item(page, page.locator(".px-item:visible"), 0, "touch", JS["vi"], "real-or-scam")
    context.close()


@pytest.mark.browser
def test_a_saved_group_includes_its_exercises_offline(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, base_url=base_url)
    page = context.new_page()
    group = next(g["slug"] for g in CONTENT.data.groups if CONTENT.exercises_in_group(g["slug"]))
    page.goto(f"/nhom/{group}/")
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'")
    exercises = page.locator("article a[data-exercise]").evaluate_all("els => els.map(a => a.href)")
    assert exercises
    page.locator("[data-offline-save]").click()
    page.wait_for_function("() => document.querySelector('.offline-status').textContent.startsWith('Đã lưu')")
    context.set_offline(True)
    for href in exercises[:3]:
        page.goto(href)
        page.wait_for_selector(".px.px-ready")
    context.close()


@pytest.mark.browser
def test_first_visit_of_an_exercise_adds_at_most_10_kb_over_a_lesson(browser, site):
    from bench import PRACTICE_BUDGET, practice_cost
    cost = practice_cost(browser, site, heaviest_only=True)  # `make bench` measures every page
    assert cost["added"] <= PRACTICE_BUDGET, cost


# --- bad input stops the build ----------------------------------------------------------------------

def edit(project, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_exercises_stop_the_check_and_the_build_with_file_and_line(project):
    from conftest import build
    import subprocess
    sms, steps, form = (f"content/exercises/{x}" for x in ("tin-nhan-that-hay-gia.vi.yml", "dang-nhap-dich-vu-cong.vi.yml",
                                                          "bieu-mau-dich-vu-cong.vi.yml"))
    edit(project, sms, "lessons: [nhan-dien-lua-dao-truc-tuyen", "lessons: [khong-co-bai-nay")
    edit(project, sms, "Doi qua ngay tai [[link:", "Goi [[so: 0912 345 678]] hoac doi qua tai [[link:")
    text = (project / steps).read_text(encoding="utf-8")
    (project / steps).write_text(re.sub(r"\n    explain: Tìm đúng thủ tục[^\n]*", "", text), encoding="utf-8")
    text = (project / form).read_text(encoding="utf-8")
    (project / form).write_text(re.sub(r"\nsources:\n(  .*\n)+", "\n", text), encoding="utf-8")
    en = "content/exercises/tin-nhan-that-hay-gia.en.yml"
    text = (project / en).read_text(encoding="utf-8")
    (project / en).write_text(re.sub(r"  - id: trung-thuong\n(    .*\n|      .*\n)+", "", text), encoding="utf-8")
    expected = [
        (sms, r"unknown lesson 'khong-co-bai-nay'"),
        (sms, r"part \[\[so: …\]\] has no explanation"),
        (sms, r"'0912 345 678' looks like a real phone or account number"),
        (steps, r"'explain' is a required property"),
        (form, r"'sources' is a required property"),
        (en, r"item 'trung-thuong' is not translated"),
    ]
    check = subprocess.run([sys.executable, "scripts/check_content.py", "--quiet"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1
    for rel, message in expected:
        assert re.search(re.escape(rel) + r":\d+: error: .*" + message, check.stdout), (rel, message, check.stdout)
    line = re.search(re.escape(sms) + r":(\d+): error: unknown lesson", check.stdout).group(1)
    assert (project / sms).read_text(encoding="utf-8").splitlines()[int(line) - 1].startswith("lessons:")
    result, out = build(project)
    assert result.returncode != 0 and not out.exists(), "a failed build leaves no site"
    for rel, message in expected:
        assert re.search(re.escape(rel) + r":\d+: .*" + message, result.stderr), (rel, message)
