/* claimgraph-de audit report: search, filters, summaries, a paged claim list, documents opened on
 * demand, the side panel and the reviewer's verdicts.
 * Vanilla JS, no libraries, no network. Every piece of data reaches the page through textContent,
 * never innerHTML, so document text cannot become markup here either.
 * Documents sit in inert <template> elements (parsed, never laid out) until a claim of theirs is
 * selected: a report of thousands of claims opens as fast as one page of the list.
 * Segments carry data-a="m3 c3 s5" (message / cue / speaker of claim 3, 3, 5) and data-m="12"
 * (entity mention 12); highlight classes are recomputed from the claims that pass the filters.
 * Verdicts live in localStorage (per report file) and are exported as a CSV with the columns of
 * audit.csv, which `python cli.py audit score` reads and `python cli.py audit --verdicts` merges.
 */
(function () {
  "use strict";
  var PAGE_SIZE = 50;
  var CHART_TOP = 15;
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var claims = data.claims;
  var verdictNames = data.verdicts;
  var visible = claims.map(function () { return true; });
  var order = [];
  var page = 0;
  var selected = -1;
  var currentDoc = null;
  var claimSegs = {};
  var mentionSegs = {};
  var segs = [];
  var $ = function (id) { return document.getElementById(id); };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  var templates = {};
  each(document.querySelectorAll("template.doctpl"), function (t) { templates[t.getAttribute("data-doc")] = t; });

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
  }
  var haystack = claims.map(function (c) {
    return fold([c.id, c.doc, c.path, c.message, c.speaker, c.speakerText, c.entity ? c.entity.name : "", c.cue].join("\n"));
  });

  // ------------------------------------------------------------------ verdicts and storage

  var review = claims.map(function (c) { return { v: c.verdict || "", n: c.note || "" }; });
  var storageKey = "claimgraph-audit:" + location.pathname;
  var storage = null;
  function identity(c) { return data.identity.map(function (k) { return c.sheet[k]; }).join("\u241f"); }
  try {
    storage = window.localStorage;
    var saved = JSON.parse(storage.getItem(storageKey) || "{}");
    claims.forEach(function (c, i) {
      var s = saved[c.id];
      // A stored verdict only applies to the same claim (same document, offsets and speaker).
      if (s && s.k === identity(c)) { review[i] = { v: s.v || "", n: s.n || "" }; }
    });
  } catch (err) {
    storage = null;
  }
  if (!storage) { $("storage-warning").hidden = false; }

  function save() {
    if (!storage) { return; }
    var out = {};
    claims.forEach(function (c, i) {
      if (review[i].v || review[i].n || c.verdict || c.note) { out[c.id] = { v: review[i].v, n: review[i].n, k: identity(c) }; }
    });
    try { storage.setItem(storageKey, JSON.stringify(out)); } catch (err) { $("storage-warning").hidden = false; }
  }

  function setVerdict(i, verdict) {
    if (i < 0) { return; }
    review[i].v = review[i].v === verdict ? "" : verdict;
    save();
    refreshReview();
    applyFilters(true);
  }

  // ------------------------------------------------------------------ filters

  function checkedValues(name) {
    var values = {};
    each(document.querySelectorAll('input[name="' + name + '"]'), function (b) { if (b.checked) { values[b.value] = true; } });
    return values;
  }

  function passes(i, f) {
    var c = claims[i];
    var conf = c.confidence === null ? 0 : c.confidence;
    var v = review[i].v;
    return (f.speaker === "" || String(c.speakerId) === f.speaker) &&
      (f.doc === "" || c.doc === f.doc) &&
      f.forms[c.form] === true && f.resolutions[c.resolution] === true &&
      conf >= f.minConf - 1e-9 &&
      (f.status === "" || (f.status === "unreviewed" ? v === "" : f.status === "reviewed" ? v !== "" : v === f.status)) &&
      (f.words.length === 0 || f.words.every(function (w) { return haystack[i].indexOf(w) >= 0; }));
  }

  function currentFilters() {
    var minConf = parseFloat($("f-conf").value);
    $("f-conf-value").textContent = minConf.toFixed(2);
    return {
      speaker: $("f-speaker").value,
      doc: $("f-doc").value,
      status: $("f-status").value,
      forms: checkedValues("form"),
      resolutions: checkedValues("resolution"),
      minConf: minConf,
      words: fold($("f-search").value).split(/\s+/).filter(Boolean)
    };
  }

  // keepPage: a verdict changed, the reviewer stays where they are in the list
  function applyFilters(keepPage) {
    var f = currentFilters();
    order = [];
    claims.forEach(function (c, i) {
      visible[i] = passes(i, f);
      if (visible[i]) { order.push(i); }
    });
    $("shown-count").textContent = String(order.length);
    var pages = Math.max(1, Math.ceil(order.length / PAGE_SIZE));
    if (keepPage !== true) { page = 0; }
    page = Math.min(page, pages - 1);
    renderSummaries(f);
    renderList();
    refreshHighlights();
    if (selected >= 0 && !visible[selected] && keepPage !== true) { select(-1); }
  }

  // ------------------------------------------------------------------ summaries (all follow the filters)

  function renderSummaries(f) {
    var perSpeaker = {};
    var perForm = {};
    var perResolution = {};
    var perVerdict = {};
    order.forEach(function (i) {
      var c = claims[i];
      perSpeaker[c.speakerId] = (perSpeaker[c.speakerId] || 0) + 1;
      perForm[c.form] = (perForm[c.form] || 0) + 1;
      perResolution[c.resolution] = (perResolution[c.resolution] || 0) + 1;
      var v = review[i].v || "not reviewed";
      perVerdict[v] = (perVerdict[v] || 0) + 1;
    });
    each(document.querySelectorAll("#f-form .count"), function (el) { el.textContent = "(" + (perForm[el.getAttribute("data-count")] || 0) + ")"; });
    each(document.querySelectorAll("#f-resolution .count"), function (el) { el.textContent = "(" + (perResolution[el.getAttribute("data-count")] || 0) + ")"; });
    renderChart(perSpeaker, f.speaker);
    var list = $("verdict-summary");
    list.textContent = "";
    verdictNames.concat(["not reviewed"]).forEach(function (v) {
      var li = document.createElement("li");
      li.setAttribute("data-verdict", v);
      li.textContent = v.replace(/_/g, " ") + ": " + (perVerdict[v] || 0);
      list.appendChild(li);
    });
    var right = 0;
    var real = 0;
    order.forEach(function (i) {
      var v = review[i].v;
      if (v && v !== "not_a_claim" && verdictNames.indexOf(v) >= 0) { real += 1; if (data.speakerRight.indexOf(v) >= 0) { right += 1; } }
    });
    var li = document.createElement("li");
    li.className = "muted";
    li.textContent = real ? "speaker right: " + right + " of " + real + " real claims (" + Math.round(100 * right / real) + "%)" : "speaker right: no real claims reviewed yet";
    list.appendChild(li);
  }

  function renderChart(perSpeaker, active) {
    var ranked = Object.keys(perSpeaker).sort(function (a, b) {
      return perSpeaker[b] - perSpeaker[a] || (data.speakers[a] < data.speakers[b] ? -1 : data.speakers[a] > data.speakers[b] ? 1 : 0);
    });
    var chart = $("chart");
    chart.textContent = "";
    if (!ranked.length) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "No claims shown.";
      chart.appendChild(p);
      return;
    }
    var most = perSpeaker[ranked[0]];
    var ol = document.createElement("ol");
    ol.className = "chart";
    ranked.slice(0, CHART_TOP).forEach(function (id) {
      var li = document.createElement("li");
      var bar = document.createElement("button");
      bar.type = "button";
      bar.className = "bar" + (String(id) === active ? " active" : "");
      bar.setAttribute("data-speaker", id);
      bar.title = "show only " + data.speakers[id];
      var name = document.createElement("span");
      name.className = "bar-name";
      name.textContent = data.speakers[id];
      var track = document.createElement("span");
      track.className = "bar-track";
      var fill = document.createElement("span");
      fill.className = "bar-fill";
      fill.style.width = (100 * perSpeaker[id] / most).toFixed(1) + "%";
      track.appendChild(fill);
      var n = document.createElement("span");
      n.className = "bar-n";
      n.textContent = String(perSpeaker[id]);
      bar.appendChild(name);
      bar.appendChild(track);
      bar.appendChild(n);
      bar.addEventListener("click", function () {
        var speakerSelect = $("f-speaker");
        speakerSelect.value = speakerSelect.value === String(id) ? "" : String(id);
        applyFilters();
      });
      li.appendChild(bar);
      ol.appendChild(li);
    });
    if (ranked.length > CHART_TOP) {
      var more = document.createElement("li");
      more.className = "muted";
      more.textContent = "and " + (ranked.length - CHART_TOP) + " more speakers";
      ol.appendChild(more);
    }
    chart.appendChild(ol);
  }

  function refreshReview() {
    var done = review.filter(function (r) { return r.v !== ""; }).length;
    $("progress-text").textContent = done + " of " + claims.length + " reviewed";
    $("progress-bar").style.width = (claims.length ? 100 * done / claims.length : 0).toFixed(1) + "%";
    if (selected >= 0) {
      each(document.querySelectorAll("#verdict-buttons .verdict"), function (b) {
        b.classList.toggle("active", b.getAttribute("data-verdict") === review[selected].v);
        b.setAttribute("aria-pressed", b.getAttribute("data-verdict") === review[selected].v ? "true" : "false");
      });
      var note = $("note");
      if (document.activeElement !== note) { note.value = review[selected].n; }
    }
  }

  // ------------------------------------------------------------------ the claim list

  function tag(text, cls) {
    var span = document.createElement("span");
    span.className = "tag " + cls;
    span.textContent = text;
    return span;
  }

  function cell(tr, content, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    if (typeof content === "string") { td.textContent = content; } else if (content) { td.appendChild(content); }
    tr.appendChild(td);
    return td;
  }

  function renderList() {
    var body = $("claim-list");
    body.textContent = "";
    var from = page * PAGE_SIZE;
    var shown = order.slice(from, from + PAGE_SIZE);
    shown.forEach(function (i) {
      var c = claims[i];
      var tr = document.createElement("tr");
      tr.className = "claimrow" + (i === selected ? " sel" : "");
      tr.setAttribute("data-claim", String(i));
      tr.tabIndex = 0;
      cell(tr, c.id, "cid");
      cell(tr, tag(c.form, "form"));
      cell(tr, c.speaker, "who");
      cell(tr, tag(c.resolution, "res"));
      cell(tr, c.confidence === null ? "" : c.confidence.toFixed(2), "conf");
      var buttons = document.createElement("span");
      buttons.className = "quick";
      verdictNames.forEach(function (v, k) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "qv v-" + v + (review[i].v === v ? " active" : "");
        b.setAttribute("data-verdict", v);
        b.title = v.replace(/_/g, " ") + " (key " + (k + 1) + ")";
        b.textContent = String(k + 1);
        b.addEventListener("click", function (e) { e.stopPropagation(); select(i, true); setVerdict(i, v); });
        buttons.appendChild(b);
      });
      var verdictCell = cell(tr, buttons, "verdict-cell");
      var label = document.createElement("span");
      label.className = "vlabel";
      label.textContent = review[i].v ? review[i].v.replace(/_/g, " ") : "";
      verdictCell.appendChild(label);
      cell(tr, c.message.slice(0, 160), "preview");
      tr.addEventListener("click", function () { select(i, true); });
      tr.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(i, true); } });
      body.appendChild(tr);
    });
    var pages = Math.max(1, Math.ceil(order.length / PAGE_SIZE));
    $("page-info").textContent = order.length
      ? "claims " + (from + 1) + "–" + (from + shown.length) + " of " + order.length + " · page " + (page + 1) + " of " + pages
      : "no claims";
    $("page-prev").disabled = page === 0;
    $("page-next").disabled = page >= pages - 1;
    $("list-empty").hidden = order.length > 0;
  }

  // ------------------------------------------------------------------ documents on demand

  function showDoc(docId) {
    if (currentDoc === docId) { return; }
    var view = $("doc-view");
    view.textContent = "";
    claimSegs = {};
    mentionSegs = {};
    segs = [];
    currentDoc = docId;
    var template = templates[docId];
    if (!template) {
      var p = document.createElement("p");
      p.className = "muted";
      p.textContent = "The text of " + docId + " is not in texts.jsonl.";
      view.appendChild(p);
      return;
    }
    view.appendChild(template.content.cloneNode(true));
    segs = Array.prototype.slice.call(view.querySelectorAll(".doctext .seg"));
    segs.forEach(function (el) {
      el.tokens = (el.getAttribute("data-a") || "").split(" ").filter(Boolean).map(function (t) {
        return { kind: t.charAt(0), claim: parseInt(t.slice(1), 10) };
      });
      el.tokens.forEach(function (t) { (claimSegs[t.claim] = claimSegs[t.claim] || []).push(el); });
      (el.getAttribute("data-m") || "").split(" ").filter(Boolean).forEach(function (m) {
        (mentionSegs[m] = mentionSegs[m] || []).push(el);
      });
      if (el.tokens.length) { el.addEventListener("click", onSegmentClick); }
    });
    refreshHighlights();
  }

  function refreshHighlights() {
    segs.forEach(function (el) {
      var n = { m: 0, c: 0, s: 0 };
      el.tokens.forEach(function (t) { if (visible[t.claim]) { n[t.kind] += 1; } });
      el.classList.toggle("msg", n.m > 0);
      el.classList.toggle("msg2", n.m > 1);
      el.classList.toggle("cue", n.c > 0);
      el.classList.toggle("spk", n.s > 0);
    });
  }

  function clearClass(name) {
    each(document.querySelectorAll("#doc-view ." + name), function (el) { el.classList.remove(name); });
  }

  // ------------------------------------------------------------------ the panel

  function add(dl, term, value) {
    if (value === null || value === undefined || value === "" || (value.length === 0)) { return null; }
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    if (typeof value === "string") { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dt);
    dl.appendChild(dd);
    return dd;
  }

  function list(items) {
    var ul = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item;
      ul.appendChild(li);
    });
    return ul;
  }

  function meter(value) {
    var wrap = document.createElement("span");
    var bar = document.createElement("span");
    bar.className = "meter";
    var fill = document.createElement("span");
    fill.style.width = Math.round(value * 100) + "%";
    bar.appendChild(fill);
    wrap.appendChild(bar);
    wrap.appendChild(document.createTextNode(" " + value.toFixed(2)));
    return wrap;
  }

  function mentionLink(index, label) {
    var a = document.createElement("a");
    a.textContent = label;
    a.title = "show in text";
    a.addEventListener("click", function () {
      var at = mentionSegs[index] || [];
      if (at.length) { at[0].scrollIntoView({ block: "center" }); }
    });
    return a;
  }

  function fillPanel(c) {
    var dl = $("panel-body");
    dl.textContent = "";
    add(dl, "claim", c.id + " · " + c.form);
    add(dl, "document", c.doc + (c.date ? " · " + c.date : ""));
    add(dl, "message", c.message);
    add(dl, "cue", c.cue + (c.cueLemma && c.cueLemma !== c.cue ? " (" + c.cueLemma + ")" : ""));
    add(dl, "speaker mention", c.speakerText ? c.speakerText + (c.speakerLink ? " (" + c.speakerLink + ")" : "") : "none");
    add(dl, "resolution method", c.resolution);
    if (c.entity) {
      var e = c.entity;
      var parts = [e.name + " (" + e.label + ", " + e.id + ")"];
      if (e.acronym) { parts.push("acronym: " + e.acronym); }
      if (e.roles) { parts.push("roles: " + e.roles); }
      if (e.affiliation) { parts.push("affiliation: " + e.affiliation); }
      add(dl, "resolved entity", list(parts));
    } else {
      add(dl, "resolved entity", "none");
    }
    if (c.antecedent) {
      var index = -1;
      data.mentions.forEach(function (m, i) { if (m.id === c.antecedent.mention) { index = i; } });
      add(dl, "antecedent", index >= 0 ? mentionLink(index, c.antecedent.text) : c.antecedent.text);
    }
    add(dl, "addressee", c.addressee);
    add(dl, "confidence", c.confidence === null ? "unknown" : meter(c.confidence));
    add(dl, "evidence", list(c.evidence));
    add(dl, "figures", c.figures.length ? list(c.figures) : "");
    dl.hidden = false;
    $("review-box").hidden = false;
    $("panel-empty").hidden = true;
  }

  function select(i, scroll) {
    clearClass("sel");
    clearClass("coref");
    clearClass("ant");
    each(document.querySelectorAll(".claimrow.sel"), function (row) { row.classList.remove("sel"); });
    selected = i;
    if (i < 0) {
      $("panel-body").hidden = true;
      $("review-box").hidden = true;
      $("panel-empty").hidden = false;
      return;
    }
    var c = claims[i];
    showDoc(c.doc);
    var at = order.indexOf(i);
    if (at >= 0 && Math.floor(at / PAGE_SIZE) !== page) {
      page = Math.floor(at / PAGE_SIZE);
      renderList();
    }
    (claimSegs[i] || []).forEach(function (el) { el.classList.add("sel"); });
    each(document.querySelectorAll('.claimrow[data-claim="' + i + '"]'), function (row) {
      row.classList.add("sel");
      if (scroll && row.scrollIntoView) { row.scrollIntoView({ block: "nearest" }); }
    });
    if (c.entity) {
      data.mentions.forEach(function (m, k) {
        if (m.entity === c.entity.id) {
          (mentionSegs[k] || []).forEach(function (el) { el.classList.add(c.antecedent && m.id === c.antecedent.mention ? "ant" : "coref"); });
        }
      });
    }
    fillPanel(c);
    refreshReview();
    if (scroll && claimSegs[i] && claimSegs[i].length) { claimSegs[i][0].scrollIntoView({ block: "center" }); }
  }

  // A click on text covered by several claims picks the shortest first, then cycles outwards.
  function onSegmentClick(event) {
    var el = event.currentTarget;
    var candidates = [];
    el.tokens.forEach(function (t) {
      if (visible[t.claim] && candidates.indexOf(t.claim) < 0) { candidates.push(t.claim); }
    });
    if (!candidates.length) { return; }
    candidates.sort(function (a, b) {
      return (claims[a].span[1] - claims[a].span[0]) - (claims[b].span[1] - claims[b].span[0]) || a - b;
    });
    var at = candidates.indexOf(selected);
    select(candidates[(at + 1) % candidates.length], false);
  }

  function step(direction) {
    if (!order.length) { return; }
    var at = order.indexOf(selected);
    var next = at < 0 ? (direction > 0 ? 0 : order.length - 1) : (at + direction + order.length) % order.length;
    select(order[next], true);
  }

  // ------------------------------------------------------------------ export

  function csvCell(value, sep) {
    var text = value === null || value === undefined ? "" : String(value);
    return (text.indexOf(sep) >= 0 || /["\r\n]/.test(text)) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function neutralise(text) {
    // as audit.csv: a spreadsheet must not run a comment as a formula
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  function exportCsv() {
    var sep = $("export-sep").value;
    var lines = [data.sheetColumns.map(function (h) { return csvCell(h, sep); }).join(sep)];
    claims.forEach(function (c, i) {
      var cells = c.sheet.concat([review[i].v, neutralise(review[i].n)]);
      lines.push(cells.map(function (x) { return csvCell(x, sep); }).join(sep));
    });
    // UTF-8 with a BOM: Excel then reads umlauts and quotation marks correctly.
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "audit-verdicts.csv";
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ------------------------------------------------------------------ wiring

  var form = $("filters");
  form.addEventListener("input", function () { applyFilters(); });
  form.addEventListener("change", function () { applyFilters(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
  $("page-prev").addEventListener("click", function () { if (page > 0) { page -= 1; renderList(); } });
  $("page-next").addEventListener("click", function () { if ((page + 1) * PAGE_SIZE < order.length) { page += 1; renderList(); } });
  each(document.querySelectorAll("#verdict-buttons .verdict"), function (b) {
    b.addEventListener("click", function () { setVerdict(selected, b.getAttribute("data-verdict")); });
  });
  $("note").addEventListener("input", function () {
    if (selected < 0) { return; }
    review[selected].n = $("note").value;
    save();
  });
  $("export").addEventListener("click", exportCsv);
  document.addEventListener("keydown", function (e) {
    var target = e.target;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      if (e.key === "Escape") { target.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var k = parseInt(e.key, 10);
    if (k >= 1 && k <= verdictNames.length && selected >= 0) {
      var current = selected;
      var verdict = verdictNames[k - 1];
      if (review[current].v !== verdict) { setVerdict(current, verdict); }
      if ($("advance").checked) { step(1); }
      e.preventDefault();
    } else if (e.key === "0" && selected >= 0) {
      review[selected].v = "";
      save();
      refreshReview();
      applyFilters(true);
    } else if (e.key === "n" || e.key === "j") {
      step(1);
    } else if (e.key === "p" || e.key === "k") {
      step(-1);
    } else if (e.key === "c" && selected >= 0) {
      $("note").focus();
      e.preventDefault();
    } else if (e.key === "/") {
      $("f-search").focus();
      e.preventDefault();
    } else if (e.key === "Escape") {
      select(-1);
    }
  });
  applyFilters();
  refreshReview();
  // milliseconds from the start of navigation until the report is usable (measured by the tests)
  document.body.setAttribute("data-ready-ms", String(Math.round(window.performance.now())));
  document.body.setAttribute("data-ready", "true");
}());
