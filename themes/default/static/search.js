// thongbao search: reads the static index under search/index/ (see
// src/search.rs for its format). Every index file is a script that hands
// its data to `thongbaoSearch`, so this also works from file://. Only the
// manifest, the chunks holding the query's terms, and the result data of
// the notices shown are downloaded.
(function () {
  "use strict";

  var TB = (window.thongbaoSearch = window.thongbaoSearch || {});
  var page = document.getElementById("search-app");
  if (!page) return;
  var INDEX = page.getAttribute("data-index");
  var ROOT = new URL(page.getAttribute("data-root"), location.href).href;
  // A relative site names every page's index.html, served or not.
  var RELATIVE = page.hasAttribute("data-relative");
  var PER_PAGE = 10;
  var text = {
    count: page.getAttribute("data-count"),
    partial: page.getAttribute("data-partial"),
    none: page.getAttribute("data-none"),
    error: page.getAttribute("data-error"),
  };

  var manifest = null;
  var chunks = {};
  var groups = {};
  var facets = null;
  var loading = {};

  TB.manifest = function (data) { manifest = data; };
  TB.chunk = function (number, terms) {
    var map = {};
    terms.forEach(function (entry) { map[entry[0]] = entry; });
    chunks[number] = map;
  };
  TB.docs = function (group, rows) { groups[group] = rows; };
  TB.facets = function (issuers, kinds, validity, fields) { facets = { issuers: issuers, kinds: kinds, validity: validity || [], fields: fields || [] }; };

  // Today as yyyymmdd, for the validity filter.
  function today() {
    var now = new Date();
    return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  }

  // A document's validity today, from its periods ("20210412 0,20220305 4").
  function validityOf(doc) {
    var state = manifest.states.indexOf("chua-co-hieu-luc");
    var day = today();
    (facets.validity[doc] || "").split(",").forEach(function (period) {
      if (!period) return;
      var parts = period.split(" ");
      if (Number(parts[0]) <= day) state = Number(parts[1]);
    });
    return manifest.states[state];
  }

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = INDEX + path;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + path)); };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  // The same folding as the index: NFD, marks dropped, đ → d, lowercase.
  function fold(value) {
    return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function words(value) {
    return value.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The chunk that holds `term`: the last whose first term is not after it.
  function chunkOf(term) {
    var starts = manifest.chunks;
    var low = 0, high = starts.length - 1, found = 0;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (starts[middle] <= term) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  function entry(term) {
    var chunk = chunks[chunkOf(term)];
    return chunk ? chunk[term] : undefined;
  }

  // Postings of an index entry as a map: document → [score, form, titled],
  // where form is the accented form the notice used most (-1: none) and
  // titled tells whether the term is in its title or number.
  function postings(item) {
    var map = new Map();
    if (!item) return map;
    var list = item[3], doc = 0;
    for (var i = 0; i < list.length; i += 3) {
      doc += list[i];
      var packed = list[i + 2];
      map.set(doc, [list[i + 1], (packed >> 1) - 1, packed & 1]);
    }
    return map;
  }

  // BM25's inverse document frequency: rare terms weigh more.
  function idf(item) {
    var df = item ? item[1] : 1;
    return Math.log(1 + (manifest.docs - df + 0.5) / (df + 0.5));
  }

  // Terms a query needs: its words, adjacent pairs, number tokens, and for
  // a last word still being typed, every term it begins. A query submitted
  // or opened from a link is whole words (its last word is only a prefix
  // when the index lacks it as a word).
  function plan(query, typing) {
    var accented = words(query);
    var folded = accented.map(fold);
    typing = Boolean(typing) && folded.length > 0 && !/\s$/.test(query);
    var numbers = [];
    for (var i = 0; i < folded.length; i++) {
      if (!/^\d/.test(folded[i])) continue;
      var joined = "";
      for (var j = i; j < Math.min(folded.length, i + 5); j++) {
        joined += folded[j];
        numbers.push({ token: "#" + joined, from: i, to: j });
      }
    }
    var pairs = [];
    // Pairs of adjacent words sort apart from single words, after ">".
    for (var k = 0; k + 1 < folded.length; k++) pairs.push(">" + folded[k] + " " + folded[k + 1]);
    return { accented: accented, folded: folded, typing: typing, numbers: numbers, pairs: pairs };
  }

  function neededChunks(query) {
    var needed = new Set();
    // An archive without a single term (no notices yet) has no chunks.
    if (manifest.chunks.length === 0) return [];
    query.folded.forEach(function (word) { needed.add(chunkOf(word)); });
    query.pairs.forEach(function (pair) { needed.add(chunkOf(pair)); });
    query.numbers.forEach(function (number) { needed.add(chunkOf(number.token)); });
    if (query.typing) {
      var prefix = query.folded[query.folded.length - 1];
      for (var c = chunkOf(prefix); c <= chunkOf(prefix + "\uffff"); c++) needed.add(c);
    }
    return Array.from(needed);
  }

  // Postings for a query word: the exact term, or (typing) every term it
  // begins, best score per document, as [score, titled].
  function wordPostings(query, index) {
    var word = query.folded[index];
    var last = query.typing && index === query.folded.length - 1;
    var exact = entry(word);
    var merged = new Map();
    var items = exact ? [exact] : [];
    if (last) {
      var expansions = [];
      for (var c = chunkOf(word); c <= chunkOf(word + "\uffff"); c++) {
        var chunk = chunks[c] || {};
        Object.keys(chunk).forEach(function (term) {
          if (term !== word && term.indexOf(word) === 0) expansions.push(chunk[term]);
        });
      }
      expansions.sort(function (a, b) { return b[1] - a[1]; });
      items = items.concat(expansions.slice(0, 30));
    }
    var wanted = query.accented[index];
    items.forEach(function (item, position) {
      var weight = idf(item) * (position === 0 && item === exact ? 1 : 0.6);
      var variant = item[2].indexOf(wanted);
      postings(item).forEach(function (value, doc) {
        var score = value[0] * weight;
        // The diacritics as typed, when the query has any, rank first.
        if (wanted !== query.folded[index] && variant >= 0 && value[1] === variant) score *= 2.5;
        var old = merged.get(doc);
        if (!old || old[0] < score) merged.set(doc, [score, value[2] || (old ? old[1] : 0)]);
        else if (value[2]) old[1] = 1;
      });
    });
    return merged;
  }

  // Ranks the documents: those with every word first (else those with the
  // most); then those whose title (or number) holds every word; then those
  // where more of the query's words stand together (adjacent in order, or
  // one word apart), so a phrase beats words scattered however often; then
  // by score; the newer first on a tie.
  function rank(query) {
    var scores = new Map();
    var matched = new Map();
    var titled = new Map();
    var together = new Map();
    function add(doc, score, mask, inTitle) {
      scores.set(doc, (scores.get(doc) || 0) + score);
      matched.set(doc, (matched.get(doc) || 0) | mask);
      if (inTitle) titled.set(doc, (titled.get(doc) || 0) | mask);
    }
    function join(doc, pairs) {
      together.set(doc, (together.get(doc) || 0) | pairs);
    }
    query.folded.forEach(function (_, index) {
      wordPostings(query, index).forEach(function (value, doc) { add(doc, value[0], 1 << index, value[1]); });
    });
    query.pairs.forEach(function (pair, index) {
      var item = entry(pair);
      postings(item).forEach(function (value, doc) {
        add(doc, value[0] * idf(item) * 1.5, (1 << index) | (1 << (index + 1)), value[2]);
        join(doc, 1 << index);
      });
    });
    query.numbers.forEach(function (number) {
      var item = entry(number.token);
      var mask = 0, pairs = 0;
      for (var i = number.from; i <= number.to; i++) mask |= 1 << i;
      for (var p = number.from; p < number.to; p++) pairs |= 1 << p;
      postings(item).forEach(function (value, doc) {
        add(doc, value[0] * 50, mask, value[2]);
        join(doc, pairs);
      });
    });
    var all = (1 << query.folded.length) - 1;
    var docs = Array.from(scores.keys());
    // AND first; when nothing has every word, the documents with the most.
    var best = 0;
    docs.forEach(function (doc) { best = Math.max(best, popcount(matched.get(doc))); });
    var complete = docs.filter(function (doc) { return matched.get(doc) === all; });
    var partial = complete.length === 0;
    var chosen = partial ? docs.filter(function (doc) { return popcount(matched.get(doc)) === best; }) : complete;
    var inTitle = new Map();
    var phrase = new Map();
    chosen.forEach(function (doc) {
      inTitle.set(doc, titled.get(doc) === all ? 1 : 0);
      phrase.set(doc, popcount(together.get(doc) || 0));
    });
    // Documents are numbered newest first.
    chosen.sort(function (a, b) {
      return inTitle.get(b) - inTitle.get(a) || phrase.get(b) - phrase.get(a) || scores.get(b) - scores.get(a) || a - b;
    });
    return { docs: chosen, partial: partial && chosen.length > 0 };
  }

  function popcount(value) {
    var count = 0;
    while (value) { count += value & 1; value >>>= 1; }
    return count;
  }

  function filter(docs, filters) {
    return docs.filter(function (doc) {
      if (filters.year) {
        var year = manifest.years.find(function (range) { return String(range[0]) === filters.year; });
        if (!year || doc < year[1] || doc > year[2]) return false;
      }
      if (filters.issuer !== "" && facets && facets.issuers[doc] !== Number(filters.issuer)) return false;
      if (filters.kind !== "" && facets && facets.kinds[doc] !== Number(filters.kind)) return false;
      if (filters.field !== "" && facets && facets.fields[doc] !== Number(filters.field)) return false;
      if (filters.validity && facets && validityOf(doc) !== filters.validity) return false;
      return true;
    });
  }

  function escape(value) {
    return value.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Marks the query's words in a text, comparing folded forms.
  function highlight(value, query) {
    var wanted = query.folded;
    return value.split(/([\p{L}\p{N}]+)/u).map(function (piece, index) {
      if (index % 2 === 0) return escape(piece);
      var folded = fold(piece);
      var hit = wanted.some(function (word, i) {
        return folded === word || (query.typing && i === wanted.length - 1 && folded.indexOf(word) === 0);
      });
      return hit ? "<mark>" + escape(piece) + "</mark>" : escape(piece);
    }).join("");
  }

  function href(path) {
    return ROOT + path + (RELATIVE || location.protocol === "file:" ? "index.html" : "");
  }

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  var FILTERS = ["year", "issuer", "kind", "field", "validity"];
  var selects = {};
  FILTERS.forEach(function (key) { selects[key] = document.getElementById("search-" + key); });
  var generation = 0;

  function state() {
    var current = { q: input.value };
    FILTERS.forEach(function (key) { current[key] = selects[key] ? selects[key].value : ""; });
    return current;
  }

  function remember(current, pageNumber) {
    var params = new URLSearchParams();
    if (current.q) params.set("q", current.q);
    FILTERS.forEach(function (key) { if (current[key]) params.set(key, current[key]); });
    if (pageNumber > 1) params.set("page", pageNumber);
    var search = params.toString();
    try { history.replaceState(null, "", search ? "?" + search : location.pathname); } catch (error) { /* file:// in some browsers */ }
  }

  function loadTerms(query) {
    return Promise.all(neededChunks(query).map(function (chunk) { return load("t/" + chunk + ".js"); }));
  }

  // `typing`: run as the reader types, the last word taken as a prefix.
  function run(pageNumber, typing) {
    var current = state();
    var mine = ++generation;
    remember(current, pageNumber);
    var query = plan(current.q, typing);
    if (query.folded.length === 0) {
      results.innerHTML = "";
      pager.innerHTML = "";
      status.textContent = "";
      return;
    }
    var needed = [loadTerms(query).then(function () {
      // A whole word the index lacks may be the start of one.
      var last = query.folded[query.folded.length - 1];
      if (!query.typing && !/\s$/.test(current.q) && !entry(last)) {
        query.typing = true;
        return loadTerms(query);
      }
    })];
    var filtered = FILTERS.some(function (key) { return key !== "year" && current[key] !== ""; });
    if (filtered && !facets) needed.push(load("facets.js"));
    Promise.all(needed).then(function () {
      if (mine !== generation) return;
      var ranked = rank(query);
      var docs = filter(ranked.docs, current);
      var pages = Math.max(1, Math.ceil(docs.length / PER_PAGE));
      pageNumber = Math.min(Math.max(1, pageNumber), pages);
      var shown = docs.slice((pageNumber - 1) * PER_PAGE, pageNumber * PER_PAGE);
      var groupsNeeded = Array.from(new Set(shown.map(function (doc) { return Math.floor(doc / manifest.group); })));
      return Promise.all(groupsNeeded.map(function (group) { return load("d/" + group + ".js"); })).then(function () {
        if (mine !== generation) return;
        show(query, docs, shown, pageNumber, pages, ranked.partial);
      });
    }).catch(function (error) {
      status.textContent = text.error + " " + error.message;
    });
  }

  function show(query, docs, shown, pageNumber, pages, partial) {
    if (docs.length === 0) {
      results.innerHTML = "";
      pager.innerHTML = "";
      status.textContent = text.none.replace("{q}", input.value.trim());
      return;
    }
    status.textContent = (partial ? text.partial : text.count).replace("{n}", docs.length);
    results.innerHTML = shown.map(function (doc) {
      var row = groups[Math.floor(doc / manifest.group)][doc % manifest.group];
      var date = row[3].split("-").reverse().join("/");
      return "<li class=\"search-result\"><a class=\"search-title\" href=\"" + escape(href(row[0])) + "\">" + highlight(row[1], query) + "</a>" +
        "<p class=\"search-meta\">" + (row[2] ? escape(row[2]) + " · " : "") + escape(date) + "</p>" +
        "<p class=\"search-excerpt\">" + highlight(row[4], query) + "</p></li>";
    }).join("");
    var links = [];
    for (var n = 1; n <= pages; n++) {
      if (n === 1 || n === pages || Math.abs(n - pageNumber) <= 2) {
        links.push("<li><button type=\"button\" data-page=\"" + n + "\"" + (n === pageNumber ? " aria-current=\"page\"" : "") + ">" + n + "</button></li>");
      } else if (links[links.length - 1] !== "<li aria-hidden=\"true\">…</li>") {
        links.push("<li aria-hidden=\"true\">…</li>");
      }
    }
    pager.innerHTML = pages > 1 ? links.join("") : "";
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(1, true); }, 120);
  });
  Object.keys(selects).forEach(function (key) {
    if (selects[key]) selects[key].addEventListener("change", function () { run(1); });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(1);
  });
  pager.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-page]");
    if (button) {
      run(Number(button.getAttribute("data-page")));
      results.focus();
    }
  });

  load("manifest.js").then(function () {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    FILTERS.forEach(function (key) { if (params.get(key) && selects[key]) selects[key].value = params.get(key); });
    page.setAttribute("data-ready", "true");
    run(Number(params.get("page")) || 1);
  }).catch(function (error) {
    status.textContent = text.error + " " + error.message;
  });
})();
