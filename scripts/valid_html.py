"""Material's own markup, made valid HTML (the Nu Html Checker finds these on every page; tests/
test_html_valid.py). Each fix is one exact pattern of the theme's output, so a theme update that
changes it shows up as a checker error again instead of being patched blindly.
"""

from __future__ import annotations

import re

# base.html: autocomplete is not an attribute of checkboxes (the theme sets it on its drawer and
# search toggles so Firefox does not restore them; our pages never open them by script).
_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# nav-item.html writes tabindex="" for section labels: no value means no tabindex at all.
_EMPTY_TABINDEX = re.compile(r' tabindex=""')
# toc.html: its title label points at the "__toc" toggle, which only exists when the table of
# contents sits in the navigation; elsewhere it is a heading-like label for nothing.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_theme_markup(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
