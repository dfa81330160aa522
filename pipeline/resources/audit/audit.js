/* claimgraph-de audit report: filters, claim selection and the side panel.
 * Vanilla JS, no libraries, no network. Every piece of data reaches the page through textContent,
 * never innerHTML, so document text cannot become markup here either.
 * Segments carry data-a="m3 c3 s5" (message / cue / speaker of claim 3, 3, 5) and data-m="12"
 * (entity mention 12); highlight classes are recomputed from the claims that pass the filters.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var claims = data.claims;
  var visible = claims.map(function () { return true; });
  var claimSegs = claims.map(function () { return []; });
  var mentionSegs = data.mentions.map(function () { return []; });
  var segs = Array.prototype.slice.call(document.querySelectorAll(".doctext .seg"));
  var rows = Array.prototype.slice.call(document.querySelectorAll(".claimrow"));
  var selected = -1;

  segs.forEach(function (el) {
    el.tokens = (el.getAttribute("data-a") || "").split(" ").filter(Boolean).map(function (t) {
      return { kind: t.charAt(0), claim: parseInt(t.slice(1), 10) };
    });
    el.tokens.forEach(function (t) { claimSegs[t.claim].push(el); });
    (el.getAttribute("data-m") || "").split(" ").filter(Boolean).forEach(function (m) {
      mentionSegs[parseInt(m, 10)].push(el);
    });
  });

  function checkedValues(name) {
    var boxes = document.querySelectorAll('input[name="' + name + '"]');
    var values = {};
    Array.prototype.forEach.call(boxes, function (b) { if (b.checked) { values[b.value] = true; } });
    return values;
  }

  function applyFilters() {
    var speaker = document.getElementById("f-speaker").value;
    var forms = checkedValues("form");
    var resolutions = checkedValues("resolution");
    var minConf = parseFloat(document.getElementById("f-conf").value);
    document.getElementById("f-conf-value").textContent = minConf.toFixed(2);
    var shown = 0;
    claims.forEach(function (c, i) {
      var conf = c.confidence === null ? 0 : c.confidence;
      visible[i] = (speaker === "" || String(data.claimSpeaker[i]) === speaker) &&
        forms[c.form] === true && resolutions[c.resolution] === true &&
        conf >= minConf - 1e-9;
      if (visible[i]) { shown += 1; }
    });
    rows.forEach(function (row) { row.hidden = !visible[parseInt(row.getAttribute("data-claim"), 10)]; });
    document.getElementById("shown-count").textContent = String(shown);
    Array.prototype.forEach.call(document.querySelectorAll(".bar"), function (bar) {
      bar.classList.toggle("active", bar.getAttribute("data-speaker") === speaker);
    });
    refreshHighlights();
    if (selected >= 0 && !visible[selected]) { select(-1); }
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
    Array.prototype.forEach.call(document.querySelectorAll("." + name), function (el) { el.classList.remove(name); });
  }

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
      if (mentionSegs[index].length) { mentionSegs[index][0].scrollIntoView({ block: "center" }); }
    });
    return a;
  }

  function fillPanel(c) {
    var dl = document.getElementById("panel-body");
    dl.textContent = "";
    add(dl, "claim", c.id + " · " + c.form);
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
    document.getElementById("panel-empty").hidden = true;
  }

  function select(i, scroll) {
    clearClass("sel");
    clearClass("coref");
    clearClass("ant");
    selected = i;
    if (i < 0) {
      document.getElementById("panel-body").hidden = true;
      document.getElementById("panel-empty").hidden = false;
      return;
    }
    var c = claims[i];
    claimSegs[i].forEach(function (el) { el.classList.add("sel"); });
    rows.forEach(function (row) { if (parseInt(row.getAttribute("data-claim"), 10) === i) { row.classList.add("sel"); } });
    if (c.entity) {
      data.mentions.forEach(function (m, k) {
        if (m.entity === c.entity.id) {
          mentionSegs[k].forEach(function (el) { el.classList.add(c.antecedent && m.id === c.antecedent.mention ? "ant" : "coref"); });
        }
      });
    }
    fillPanel(c);
    if (scroll && claimSegs[i].length) { claimSegs[i][0].scrollIntoView({ block: "center" }); }
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
    var order = [];
    claims.forEach(function (c, i) { if (visible[i]) { order.push(i); } });
    if (!order.length) { return; }
    var at = order.indexOf(selected);
    var next = at < 0 ? (direction > 0 ? 0 : order.length - 1) : (at + direction + order.length) % order.length;
    select(order[next], true);
  }

  segs.forEach(function (el) { if (el.tokens.length) { el.addEventListener("click", onSegmentClick); } });
  rows.forEach(function (row) {
    var pick = function () { select(parseInt(row.getAttribute("data-claim"), 10), true); };
    row.addEventListener("click", pick);
    row.addEventListener("keydown", function (e) { if (e.key === "Enter") { pick(); } });
  });
  var form = document.getElementById("filters");
  form.addEventListener("input", applyFilters);
  form.addEventListener("change", applyFilters);
  form.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
  Array.prototype.forEach.call(document.querySelectorAll(".bar"), function (bar) {
    bar.addEventListener("click", function () {
      var select = document.getElementById("f-speaker");
      var value = bar.getAttribute("data-speaker");
      select.value = select.value === value ? "" : value;
      applyFilters();
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) { return; }
    if (e.key === "n") { step(1); }
    if (e.key === "p") { step(-1); }
    if (e.key === "Escape") { select(-1); }
  });
  document.body.setAttribute("data-ready", "true");
  applyFilters();
}());
