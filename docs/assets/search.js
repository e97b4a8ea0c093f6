/* Search page: Pagefind's UI over the index of this page's language (built by scripts/mkdocs_hooks.py).
   Nothing here loads on other pages; the index is fetched in small chunks only when someone searches. */
(function () {
  "use strict";
  var vi = document.documentElement.lang === "vi";
  var here = document.currentScript.src;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL("../pagefind/", here).href,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
    translations: vi ? {
      placeholder: "Gõ từ cần tìm, ví dụ: lua dao",
      clear_search: "Xóa",
      load_more: "Xem thêm kết quả",
      search_label: "Tìm trong các bài học",
      filters_label: "Lọc theo nhóm",
      zero_results: "Không tìm thấy bài nào cho [SEARCH_TERM]. Hãy thử từ khác.",
      many_results: "Tìm thấy [COUNT] kết quả cho [SEARCH_TERM]",
      one_result: "Tìm thấy [COUNT] kết quả cho [SEARCH_TERM]",
      alt_search: "Không có kết quả cho [SEARCH_TERM]. Đang hiện kết quả cho [DIFFERENT_TERM]",
      search_suggestion: "Không có kết quả cho [SEARCH_TERM]. Hãy thử:",
      searching: "Đang tìm [SEARCH_TERM]…"
    } : {},
    processResult: function (result) {
      var groups = result.filters && result.filters.group;
      if (groups && groups.length) {
        result.excerpt = "<strong>" + groups.join(", ") + "</strong> — " + result.excerpt;
      }
      return result;
    }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
