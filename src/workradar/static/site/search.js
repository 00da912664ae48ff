/* workradar static-site search over the prebuilt inverted index in
   assets/search-index.js (window.WR_SEARCH); format and tokenisation are
   documented in workradar/publish/searchindex.py and must match it. */
(function () {
  "use strict";

  var TOKEN = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var MIN_TOKEN = 2;
  var MIN_PREFIX = 3; // shorter terms match whole words only
  var MAX_EXPANSIONS = 64; // prefix expansions per query term
  var PREFIX_FACTOR = 0.6; // a word that merely starts with the term counts less

  function tokenize(text) {
    var folded = String(text).normalize("NFKD").replace(MARKS, "").toLowerCase();
    var out = [];
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(folded)) !== null) {
      if (m[0].length >= MIN_TOKEN) out.push(m[0]);
    }
    return out;
  }

  function decode(encoded) {
    var out = [];
    var doc = 0;
    var number = "";
    for (var i = 0; i < encoded.length; i++) {
      var code = encoded.charCodeAt(i);
      if (code >= 65 && code <= 90) {
        doc += parseInt(number, 36);
        out.push(doc, code - 64);
        number = "";
      } else {
        number += encoded[i];
      }
    }
    return out;
  }

  function lowerBound(terms, term) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (terms[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  var decoded = new Map();
  function postingsOf(index, i) {
    var hit = decoded.get(i);
    if (hit === undefined) {
      hit = decode(index.postings[i]);
      decoded.set(i, hit);
    }
    return hit;
  }

  /* Scores for one query term: document index -> best score over the index
     terms it matches (itself, and words starting with it when long enough). */
  function termScores(index, term) {
    var scores = new Map();
    var i = lowerBound(index.terms, term);
    var expansions = 0;
    while (i < index.terms.length && expansions < MAX_EXPANSIONS) {
      var candidate = index.terms[i];
      var exact = candidate === term;
      if (!exact && (term.length < MIN_PREFIX || candidate.lastIndexOf(term, 0) !== 0)) break;
      var postings = postingsOf(index, i);
      var df = postings.length / 2;
      var idf = Math.log(1 + index.n / df);
      var factor = exact ? 1 : PREFIX_FACTOR;
      for (var j = 0; j < postings.length; j += 2) {
        var s = postings[j + 1] * idf * factor;
        var prev = scores.get(postings[j]);
        if (prev === undefined || s > prev) scores.set(postings[j], s);
      }
      expansions++;
      i++;
    }
    return scores;
  }

  /* Documents matching every query term, best first: [[docIndex, score], ...].
     null when the query has no searchable term (then nothing is filtered). */
  function search(index, query) {
    var common = new Set(index.common || []);
    var terms = Array.from(new Set(tokenize(query))).filter(function (t) { return !common.has(t); });
    if (terms.length === 0) return null;
    var total = null;
    for (var k = 0; k < terms.length; k++) {
      var scores = termScores(index, terms[k]);
      if (total === null) {
        total = scores;
      } else {
        var next = new Map();
        total.forEach(function (value, doc) {
          var extra = scores.get(doc);
          if (extra !== undefined) next.set(doc, value + extra);
        });
        total = next;
      }
      if (total.size === 0) break;
    }
    return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  window.WRSearch = { tokenize: tokenize, decode: decode, search: search };
})();
