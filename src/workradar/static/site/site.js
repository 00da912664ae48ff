/* workradar static site: charts (plotly.js, bundled) and the card index's
   filters and search. Data arrive as globals from assets/*.js because browsers
   refuse fetch() of local files; everything from documents is inserted with
   textContent, never as HTML. */
(function () {
  "use strict";

  var SAFE_LINK = /^[A-Za-z0-9._\/#-]+$/;

  function drawCharts() {
    var nodes = document.querySelectorAll(".chart[data-figure]");
    if (!nodes.length || !window.Plotly) return;
    nodes.forEach(function (node) {
      var source = document.getElementById(node.getAttribute("data-figure"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      window.Plotly.newPlot(node, spec.data, spec.layout, {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"]
      }).then(function () {
        node.setAttribute("data-rendered", "true");
      });
      node.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        var target = point && point.customdata;
        if (typeof target === "string" && SAFE_LINK.test(target)) window.location.href = target;
      });
    });
  }

  var PAGE = 50;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setupIndex() {
    var form = document.getElementById("filters");
    var data = window.WR_CARDS;
    if (!form || !data) return;
    var cards = data.cards; // [stem, title, date, lang, type, collection, themes, quarter, snippet, source, rank]
    var themes = data.themes;
    var results = document.getElementById("results");
    var count = document.getElementById("result-count");
    var more = document.getElementById("more");
    var fields = ["q", "theme", "language", "collection", "type", "period"];
    var byRank = cards.map(function (_, i) { return i; }).sort(function (a, b) { return cards[a][10] - cards[b][10]; });
    var current = [];
    var shown = 0;

    function control(name) { return form.elements.namedItem(name); }

    function state() {
      var s = {};
      fields.forEach(function (f) { s[f] = control(f).value; });
      return s;
    }

    function matches(card, s) {
      if (s.theme) {
        var t = themes.indexOf(s.theme);
        if (card[6].indexOf(t) < 0) return false;
      }
      if (s.language && card[3] !== s.language) return false;
      if (s.collection && card[5] !== s.collection) return false;
      if (s.type && card[4] !== s.type) return false;
      if (s.period) {
        if (s.period.length === 4 ? card[7].slice(0, 4) !== s.period : card[7] !== s.period) return false;
      }
      return true;
    }

    function item(card) {
      var li = el("li", "card-item");
      var h = el("h3");
      var a = el("a", null, card[1]);
      a.href = "cards/" + encodeURIComponent(card[0]) + ".html";
      h.appendChild(a);
      li.appendChild(h);
      var meta = [card[2] || "undated", card[4], card[3], card[9]];
      if (card[5] !== "(none)") meta.push(card[5]);
      li.appendChild(el("p", "meta", meta.join(" · ")));
      if (card[6].length) {
        var tags = el("p", "tags");
        card[6].forEach(function (t) { tags.appendChild(el("span", "tag", themes[t])); });
        li.appendChild(tags);
      }
      if (card[8]) li.appendChild(el("p", "snippet", card[8]));
      return li;
    }

    function renderMore() {
      var list = results.querySelector("ol.cards");
      var end = Math.min(shown + PAGE, current.length);
      for (var i = shown; i < end; i++) list.appendChild(item(cards[current[i]]));
      shown = end;
      more.hidden = shown >= current.length;
    }

    function apply(updateUrl) {
      var s = state();
      var ranked = window.WRSearch && window.WR_SEARCH && s.q.trim() ? window.WRSearch.search(window.WR_SEARCH, s.q) : null;
      var order = ranked === null ? byRank : ranked.map(function (r) { return r[0]; });
      current = order.filter(function (i) { return matches(cards[i], s); });
      results.textContent = "";
      results.appendChild(el("ol", "cards"));
      shown = 0;
      renderMore();
      var active = fields.some(function (f) { return s[f]; });
      count.textContent = current.length === 0
        ? "No cards match."
        : (active ? current.length + " of " + cards.length + " cards match" : "All " + cards.length + " cards, newest first") +
          (ranked !== null ? ", best match first." : ".");
      if (updateUrl) {
        var params = new URLSearchParams();
        fields.forEach(function (f) { if (s[f]) params.set(f, s[f]); });
        var query = params.toString();
        try {
          window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
        } catch (e) {
          /* some browsers refuse history changes on file:// pages; the filters work anyway */
        }
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (f) {
      var value = params.get(f);
      var node = control(f);
      if (value === null || !node) return;
      if (node.tagName === "SELECT" && !Array.prototype.some.call(node.options, function (o) { return o.value === value; })) return;
      node.value = value;
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    more.addEventListener("click", function () {
      var first = shown;
      renderMore();
      var link = results.querySelectorAll("ol.cards > li")[first];
      if (link) link.querySelector("a").focus();
    });
    apply(false);
  }

  function focusTarget() {
    // Move keyboard focus to an evidence quote opened by a link (#ev-…).
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.tagName === "MARK") target.focus({ preventScroll: false });
  }

  function ready() {
    drawCharts();
    setupIndex();
    focusTarget();
    window.addEventListener("hashchange", focusTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
