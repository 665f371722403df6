/* Practice quiz player: checks, scores, shuffles and saves answers, in this browser only.
 * The page's HTML already has every question as native inputs; this script reads the keys from the
 * quiz's JSON payload. Feedback and explanations in the payload are HTML built (and escaped) at site
 * build time. Anything the learner types is only ever set as text or as an input's value.
 * Nothing is sent anywhere: no fetch, XHR or beacon. */
(function () {
  "use strict";

  var PREFIX = "peer-curriculum:v1:quiz:";
  var ICONS = {
    right: "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
    wrong: "M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z",
    part: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18V4a8 8 0 0 1 0 16z",
  };
  var PUNCT = /^[!-/:-@[-`{-~\u201c\u201d\u2018\u2019\u2026]+|[!-/:-@[-`{-~\u201c\u201d\u2018\u2019\u2026]+$/g;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function icon(kind) {
    var span = el("span", "peer-quiz__icon");
    span.setAttribute("aria-hidden", "true");
    span.innerHTML = '<svg viewBox="0 0 24 24" focusable="false"><path d="' + ICONS[kind] + '"/></svg>'; // constant markup
    return span;
  }
  function trusted(html, cls) {
    var node = el("div", cls);
    node.innerHTML = html; // build-time HTML from the payload, never learner input
    return node;
  }
  function copy(node) {
    var span = el("span", "peer-quiz__quote");
    if (node) Array.prototype.forEach.call(node.childNodes, function (child) { span.appendChild(child.cloneNode(true)); });
    return span;
  }
  function isObj(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  function same(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }
  function isPerm(list, ids) {
    return Array.isArray(list) && list.length === ids.length && ids.every(function (id) { return list.indexOf(id) >= 0; });
  }
  function shuffle(list) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = out[i]; out[i] = out[j]; out[j] = t;
    }
    return out;
  }
  /* Same as normalize_text in scoring.py: fold case, collapse spaces, strip surrounding punctuation. */
  function normalize(text) {
    return text.toUpperCase().toLowerCase().replace(/\u03c2/g, "\u03c3").replace(/\s+/g, " ").trim().replace(PUNCT, "").trim();
  }
  function fmt(n) {
    return String(Math.round(n * 100) / 100);
  }
  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }
  function say(region, text) {
    region.textContent = region.textContent === text ? text + "\u00a0" : text; // a repeated message is announced again
  }
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  /* Fraction of the item's points, as scoring.py's compile_scorer. */
  function fraction(d, r) {
    var n = 0;
    if (r == null) return 0;
    if (d.type === "single") return r === d.answer ? 1 : 0;
    if (d.type === "true-false") return r === (d.answer === "true") ? 1 : 0;
    if (d.type === "multiple") {
      r.forEach(function (o) { n += d.answer.indexOf(o) >= 0 ? 1 : -1; });
      return Math.max(0, n / d.answer.length);
    }
    if (d.type === "ordering") {
      d.answer.forEach(function (o, i) { if (r[i] === o) n++; });
      return n / d.answer.length;
    }
    if (d.type === "matching") {
      var keys = Object.keys(d.answer);
      keys.forEach(function (k) { if (typeof r[k] === "string" && normalize(r[k]) === normalize(d.answer[k])) n++; });
      return n / keys.length;
    }
    if (d.type === "short-answer") {
      return d.accepted.some(function (a) { return normalize(a) === normalize(r); }) ? 1 : 0;
    }
    return 0;
  }

  function setup(form) {
    if (form.hasAttribute("data-peer-ready")) return;
    form.setAttribute("data-peer-ready", "");
    var data;
    try { data = JSON.parse(form.querySelector(".peer-quiz__data").textContent); } catch (e) { return; }
    if (!isObj(data) || data.version !== 1) return;

    var key = PREFIX + data.module;
    var list = form.querySelector(".peer-quiz__items");
    var scoreRegion = form.querySelector("[data-role=score]");
    var status = el("p", "peer-quiz__sr");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-role", "status");
    form.insertBefore(status, list);

    var tops = Object.create(null);
    var items = Object.create(null);
    var pooled = Object.create(null);
    data.pools.forEach(function (p) { p.items.forEach(function (id) { pooled[id] = true; }); });

    Array.prototype.forEach.call(list.children, function (li) {
      var id = li.getAttribute("data-item");
      if (data.order.indexOf(id) < 0) return;
      var els = li.classList.contains("peer-quiz__vignette") ? Array.prototype.slice.call(li.querySelectorAll(".peer-quiz__item")) : [li];
      tops[id] = { el: li, parts: [] };
      els.forEach(function (itemEl) {
        var q = { id: itemEl.getAttribute("data-item"), el: itemEl, top: id, opt: Object.create(null), opts: [] };
        q.d = data.items[q.id];
        if (!q.d) return;
        q.fb = itemEl.querySelector(".peer-quiz__feedback");
        q.box = itemEl.querySelector(".peer-quiz__options, .peer-quiz__order");
        itemEl.querySelectorAll("[data-option]").forEach(function (o) {
          q.opt[o.getAttribute("data-option")] = o;
          q.opts.push(o.getAttribute("data-option"));
        });
        q.inputs = Array.prototype.slice.call(itemEl.querySelectorAll("input[type=radio], input[type=checkbox]"));
        q.selects = Array.prototype.slice.call(itemEl.querySelectorAll("select[data-pair]"));
        q.allowed = Object.create(null);
        q.selects.forEach(function (s) {
          q.allowed[s.getAttribute("data-pair")] = Array.prototype.map.call(s.options, function (o) { return o.value; }).filter(Boolean);
        });
        q.text = itemEl.querySelector(".peer-quiz__text");
        items[q.id] = q;
        tops[id].parts.push(q.id);
      });
    });
    var order = data.order.filter(function (id) { return id in tops; });

    function partsOf(shown) {
      return shown.reduce(function (all, t) { return all.concat(tops[t].parts); }, []);
    }
    function itemOf(node) {
      var li = node.closest(".peer-quiz__item");
      return li && items[li.getAttribute("data-item")];
    }

    /* ---- Attempts ---- */
    function newAttempt() {
      var shown = order.filter(function (id) { return !pooled[id]; });
      data.pools.forEach(function (p) {
        shown = shown.concat(shuffle(p.items.filter(function (id) { return id in tops; })).slice(0, p.draw));
      });
      shown = data.shuffleItems ? shuffle(shown) : order.filter(function (id) { return shown.indexOf(id) >= 0; });
      var options = {};
      partsOf(shown).forEach(function (id) {
        var q = items[id];
        if (q.d.type === "ordering") {
          var o;
          do { o = shuffle(q.opts); } while (q.opts.length > 1 && same(o, q.d.answer));
          options[id] = o;
        } else if (data.shuffleOptions && (q.d.type === "single" || q.d.type === "multiple")) {
          options[id] = shuffle(q.opts);
        }
      });
      return { items: shown, options: options };
    }

    function validAttempt(a) {
      if (!isObj(a) || !Array.isArray(a.items) || !isObj(a.options)) return false;
      var seen = Object.create(null);
      var ok = a.items.every(function (id) {
        if (typeof id !== "string" || !(id in tops) || seen[id]) return false;
        return (seen[id] = true);
      });
      ok = ok && order.every(function (id) { return pooled[id] || seen[id]; });
      ok = ok && data.pools.every(function (p) {
        var known = p.items.filter(function (id) { return id in tops; });
        return known.filter(function (id) { return seen[id]; }).length === Math.min(p.draw, known.length);
      });
      ok = ok && Object.keys(a.options).every(function (id) {
        var q = items[id];
        return q && q.box && isPerm(a.options[id], q.opts) && !(q.d.type === "ordering" && same(a.options[id], q.d.answer));
      });
      return ok && partsOf(a.items).every(function (id) { return items[id].d.type !== "ordering" || id in a.options; });
    }

    function validAnswer(q, r) {
      var t = q.d.type;
      if (t === "single") return typeof r === "string" && q.opts.indexOf(r) >= 0;
      if (t === "true-false") return typeof r === "boolean";
      if (t === "multiple") {
        return Array.isArray(r) && r.length > 0 && r.every(function (o, i) { return q.opts.indexOf(o) >= 0 && r.indexOf(o) === i; });
      }
      if (t === "ordering") return isPerm(r, q.opts);
      if (t === "matching") {
        return isObj(r) && Object.keys(r).length > 0 && Object.keys(r).every(function (k) {
          return k in q.allowed && q.allowed[k].indexOf(r[k]) >= 0;
        });
      }
      if (t === "short-answer") return typeof r === "string" && r.trim() !== "" && r.length <= 1000;
      return false;
    }

    /* ---- Saving ---- */
    var state;
    function save() {
      var s = storage();
      try {
        if (s) s.setItem(key, JSON.stringify({ v: 1, attempt: state.attempt, answers: state.answers, checked: state.checked }));
      } catch (e) { /* full or blocked: keep working without saving */ }
    }
    function forget() {
      try { storage().removeItem(key); } catch (e) { /* nothing saved */ }
    }
    function load() {
      var raw = null;
      try { raw = storage().getItem(key); } catch (e) { return null; }
      if (raw == null) return null;
      var saved = null;
      try { saved = JSON.parse(raw); } catch (e) { /* discarded below */ }
      if (!isObj(saved) || saved.v !== 1 || (saved.answers != null && !isObj(saved.answers)) || (saved.checked != null && !isObj(saved.checked))) {
        forget();
        return null;
      }
      return saved;
    }

    /* ---- Reading and writing responses ---- */
    function read(q) {
      var t = q.d.type;
      if (t === "ordering") return Array.prototype.map.call(q.box.children, function (li) { return li.getAttribute("data-option"); });
      if (t === "short-answer") return q.text.value.trim() ? q.text.value : undefined;
      if (t === "matching") {
        var r = {};
        q.selects.forEach(function (s) { if (s.value) r[s.getAttribute("data-pair")] = s.value; });
        return Object.keys(r).length ? r : undefined;
      }
      var chosen = q.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (!chosen.length) return undefined;
      if (t === "multiple") return chosen;
      return t === "true-false" ? chosen[0] === "true" : chosen[0];
    }
    function write(q, r) {
      var t = q.d.type;
      q.inputs.forEach(function (i) {
        i.checked = r != null && (t === "multiple" ? r.indexOf(i.value) >= 0 : i.value === String(r));
      });
      q.selects.forEach(function (s) { s.value = (r && r[s.getAttribute("data-pair")]) || ""; });
      if (q.text) q.text.value = r || "";
    }
    function arrange(q, ids) {
      ids.forEach(function (id) { q.box.appendChild(q.opt[id]); });
      if (q.d.type === "ordering") moveButtons(q);
    }
    function moveButtons(q) {
      var rows = q.box.children;
      Array.prototype.forEach.call(rows, function (li, i) {
        li.querySelector("[data-move=up]").disabled = i === 0;
        li.querySelector("[data-move=down]").disabled = i === rows.length - 1;
      });
    }
    function record(q) {
      var r = read(q);
      if (r === undefined) delete state.answers[q.id];
      else state.answers[q.id] = r;
      if (state.checked[q.id]) {
        delete state.checked[q.id];
        clearFeedback(q);
      }
      save();
    }

    /* ---- Feedback ---- */
    function clearFeedback(q) {
      q.fb.textContent = "";
      q.fb.removeAttribute("data-result");
      q.el.querySelectorAll(".peer-quiz__mark").forEach(function (m) { m.remove(); });
    }
    function mark(where, kind, text) {
      var m = el("span", "peer-quiz__mark");
      m.setAttribute("data-result", kind);
      m.appendChild(icon(kind === "right" ? "right" : kind === "wrong" ? "wrong" : "part"));
      m.appendChild(document.createTextNode(text));
      where.appendChild(m);
    }
    function optionText(q, id) {
      var o = q.opt[id];
      return o && o.querySelector(".peer-quiz__order-text, span:not(.peer-quiz__mark)");
    }
    function showFeedback(q) {
      clearFeedback(q);
      var d = q.d;
      var r = state.answers[q.id];
      var f = fraction(d, r);
      var kind = f >= 1 ? "right" : f > 0 ? "part" : "wrong";
      var notes = el("ul", "peer-quiz__notes");
      var detail = "";
      function note(result, label, quote, html) {
        var li = el("li", "peer-quiz__note");
        li.setAttribute("data-result", result);
        var head = el("p", "peer-quiz__note-head");
        li.appendChild(icon(result));
        head.appendChild(el("strong", null, label));
        if (quote) {
          head.appendChild(document.createTextNode(" "));
          head.appendChild(quote);
        }
        li.appendChild(head);
        if (html) li.appendChild(trusted(html, "peer-quiz__note-body"));
        notes.appendChild(li);
      }
      if (d.type === "single" || d.type === "true-false") {
        var chosen = String(r);
        var ok = chosen === d.answer;
        mark(q.opt[chosen], ok ? "right" : "wrong", ok ? "Your answer: right" : "Your answer: not right");
        note(ok ? "right" : "wrong", ok ? "Your answer:" : "Your answer (not right):", copy(optionText(q, chosen)), d.feedback[chosen]);
        if (!ok) {
          mark(q.opt[d.answer], "right", "Right answer");
          note("right", "Right answer:", copy(optionText(q, d.answer)), d.feedback[d.answer]);
        }
      } else if (d.type === "multiple") {
        var hits = 0;
        var misses = 0;
        Array.prototype.forEach.call(q.box.children, function (o) {
          var id = o.getAttribute("data-option");
          var picked = r.indexOf(id) >= 0;
          var right = d.answer.indexOf(id) >= 0;
          if (picked && right) hits++;
          if (picked && !right) misses++;
          if (!picked && !right) return;
          var result = picked ? (right ? "right" : "wrong") : "part";
          var label = picked ? (right ? "Your answer: right" : "Your answer: not right") : "Right answer: you did not choose it";
          mark(o, result, label);
          note(result, label + ".", copy(optionText(q, id)), d.feedback[id]);
        });
        detail = hits + " of " + d.answer.length + " right answers chosen" + (misses ? ", and " + misses + " wrong" : "");
      } else if (d.type === "ordering") {
        var placed = 0;
        d.answer.forEach(function (id, i) {
          var at = r.indexOf(id);
          var here = at === i;
          if (here) placed++;
          mark(q.opt[id], here ? "right" : "wrong", here ? "In the right place" : "Belongs in position " + (i + 1));
          note(here ? "right" : "wrong", "Step " + (i + 1) + (here ? " (you put it here):" : " (you put it in position " + (at + 1) + "):"),
            copy(optionText(q, id)), d.feedback[id]);
        });
        detail = placed + " of " + d.answer.length + " in the right place";
      } else if (d.type === "matching") {
        var matched = 0;
        q.selects.forEach(function (s) {
          var k = s.getAttribute("data-pair");
          var given = r[k];
          var ok = typeof given === "string" && normalize(given) === normalize(d.answer[k]);
          if (ok) matched++;
          mark(s.parentNode, ok ? "right" : "wrong", ok ? "Right" : "Not right");
          var quote = copy(s.parentNode.querySelector("label"));
          quote.appendChild(document.createTextNode(given ? " \u2192 your match: " + given + "." : " \u2192 not matched."));
          if (!ok) quote.appendChild(document.createTextNode(" The match is: " + d.answer[k] + "."));
          note(ok ? "right" : "wrong", ok ? "Right:" : "Not right:", quote, d.feedback[k]);
        });
        detail = matched + " of " + q.selects.length + " matched";
      } else if (d.type === "short-answer") {
        var said = el("span", "peer-quiz__quote", "\u201c" + r + "\u201d");
        note(kind, "Your answer:", said, d.feedback[kind === "right" ? "correct" : "incorrect"]);
        if (kind !== "right") note("right", "An answer we accept:", el("span", "peer-quiz__quote", d.accepted[0]));
      }
      var verdict = el("p", "peer-quiz__verdict");
      verdict.appendChild(icon(kind));
      verdict.appendChild(el("strong", null, kind === "right" ? "Correct" : kind === "part" ? "Partly correct: " + detail : "Not quite"));
      if (kind === "wrong" && detail && d.type === "multiple") verdict.appendChild(document.createTextNode(" (" + detail + ")"));
      q.fb.setAttribute("data-result", kind);
      q.fb.appendChild(verdict);
      q.fb.appendChild(notes);
      if (d.explanation) q.fb.appendChild(trusted(d.explanation, "peer-quiz__explanation"));
    }

    /* ---- Actions ---- */
    function check(q) {
      var r = read(q);
      if (r === undefined) {
        clearFeedback(q);
        delete state.checked[q.id];
        q.fb.appendChild(el("p", "peer-quiz__verdict", q.text ? "Type an answer first, then check it." : "Choose an answer first, then check it."));
        return;
      }
      state.answers[q.id] = r;
      state.checked[q.id] = true;
      save();
      showFeedback(q);
    }
    function move(q, button) {
      var li = button.closest(".peer-quiz__order-item");
      var up = button.getAttribute("data-move") === "up";
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      q.box.insertBefore(other, up ? li.nextSibling : li); // moving the neighbour keeps focus on this button
      var rows = Array.prototype.slice.call(q.box.children);
      var at = rows.indexOf(li);
      if ((up && at === 0) || (!up && at === rows.length - 1)) li.querySelector(up ? "[data-move=down]" : "[data-move=up]").focus();
      moveButtons(q);
      say(status, "Moved '" + li.querySelector(".peer-quiz__order-text").textContent.trim() + "' to position " + (at + 1) + " of " + rows.length + ".");
      record(q);
    }
    function questionLabel(t, i, part) {
      var parts = tops[t].parts;
      return "Question " + (i + 1) + (parts.length > 1 || parts[0] !== t ? String.fromCharCode(97 + part) : "");
    }
    function score() {
      var got = 0;
      var total = 0;
      var missing = [];
      state.attempt.items.forEach(function (t, i) {
        tops[t].parts.forEach(function (id, j) {
          var q = items[id];
          total += q.d.points;
          if (id in state.answers) got += q.d.points * fraction(q.d, state.answers[id]);
          else missing.push([q, questionLabel(t, i, j)]);
        });
      });
      var share = total ? got / total : 0;
      var passed = share >= data.passMark - 1e-9;
      var pass = Math.round(data.passMark * 100);
      var percent = Math.round(share * 100);
      if (!passed && percent >= pass) percent = pass - 1; // never round a score below the pass mark up to it
      var text = "You scored " + fmt(got) + " of " + fmt(total) + " (" + percent + "%). The pass mark is " + pass + "%.";
      if (passed) text += " You reached the pass mark.";
      scoreRegion.textContent = "";
      scoreRegion.appendChild(document.createTextNode(text));
      if (missing.length) {
        scoreRegion.appendChild(document.createTextNode(" " + plural(missing.length, "question") + " not answered yet (counted as 0): "));
        missing.forEach(function (m, n) {
          var a = el("a", null, m[1]);
          a.href = "#" + m[0].el.id;
          scoreRegion.appendChild(a);
          scoreRegion.appendChild(document.createTextNode(n === missing.length - 1 ? "." : ", "));
        });
      }
    }
    function render() {
      // Restored feedback should not be read out all at once: mute the live regions while filling them.
      var regions = form.querySelectorAll(".peer-quiz__feedback");
      regions.forEach(function (r) { r.setAttribute("aria-live", "off"); });
      Object.keys(tops).forEach(function (t) { tops[t].el.hidden = state.attempt.items.indexOf(t) < 0; });
      state.attempt.items.forEach(function (t) { list.appendChild(tops[t].el); });
      Object.keys(items).forEach(function (id) {
        var q = items[id];
        var r = state.answers[id];
        if (q.box) arrange(q, q.d.type === "ordering" && r ? r : state.attempt.options[id] || q.opts);
        write(q, r);
        clearFeedback(q);
        if (state.checked[id]) showFeedback(q);
      });
      setTimeout(function () { regions.forEach(function (r) { r.setAttribute("aria-live", "polite"); }); }, 150);
    }
    function start(saved) {
      var fresh = !saved || !validAttempt(saved.attempt);
      state = { attempt: fresh ? newAttempt() : saved.attempt, answers: {}, checked: {} };
      var shown = partsOf(state.attempt.items);
      var answers = (saved && saved.answers) || {};
      var checked = (saved && saved.checked) || {};
      Object.keys(answers).forEach(function (id) {
        if (shown.indexOf(id) >= 0 && validAnswer(items[id], answers[id])) state.answers[id] = answers[id];
      });
      Object.keys(checked).forEach(function (id) {
        if (checked[id] === true && id in state.answers) state.checked[id] = true;
      });
      render();
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.classList.contains("peer-quiz__text")) {
        e.preventDefault();
        check(itemOf(e.target));
      }
    });
    function edited(e) {
      var q = itemOf(e.target);
      if (q && e.target.matches("input, select")) record(q);
    }
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("click", function (e) {
      var button = e.target.closest("button");
      if (!button || !form.contains(button)) return;
      var action = button.getAttribute("data-action");
      var q = itemOf(button);
      if (button.hasAttribute("data-move")) move(q, button);
      else if (action === "check") check(q);
      else if (action === "score") score();
      else if (action === "retry") {
        var before = state.attempt.items;
        var attempt = newAttempt();
        for (var n = 0; n < 5 && before.length > 1 && same(attempt.items, before); n++) attempt = newAttempt();
        state = { attempt: attempt, answers: {}, checked: {} };
        save();
        render();
        say(scoreRegion, "A new try has started. The questions and options are in a new order, and your answers were cleared.");
      } else if (action === "clear") {
        forget();
        state.answers = {};
        state.checked = {};
        render();
        say(scoreRegion, "Your answers were cleared.");
      }
    });

    start(load());
    save();
  }

  function init() {
    document.querySelectorAll("form[data-peer-quiz]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
