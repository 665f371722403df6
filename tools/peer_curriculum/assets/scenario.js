/* Peer Support Curriculum: plays a branching role-play conversation in the browser.
 * The conversation comes from the page's JSON payload (built from the scenario notebook).
 * The path taken is saved only in this browser (localStorage); nothing is sent anywhere. */
(function () {
  "use strict";

  var STORE_PREFIX = "peer-curriculum:v1:scenario:";
  var QUALITY = {
    good: { icon: "\u2714", label: "Helpful" },
    mixed: { icon: "\u25D1", label: "Partly helpful" },
    poor: { icon: "\u2716", label: "Gets in the way" }
  };
  var ENDINGS = { good: "a good ending", mixed: "a mixed ending", poor: "a difficult ending" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "html") node.innerHTML = attrs.html; // build-time, escaped HTML from the payload only
      else if (key === "text") node.textContent = attrs.text;
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function storage() {
    try {
      var probe = STORE_PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: play without saving
    }
  }

  function Player(root, data) {
    this.root = root;
    this.data = data;
    this.key = STORE_PREFIX + data.id;
    this.store = storage();
    this.path = [];
    this.build();
    this.path = this.restore();
    this.render(false);
  }

  Player.prototype.build = function () {
    var self = this;
    this.live = el("div", { "class": "peer-scenario__live peer-visually-hidden", "aria-live": "polite" });
    this.transcript = el("ol", { "class": "peer-scenario__transcript", "aria-label": "Conversation so far" });
    this.stage = el("div", { "class": "peer-scenario__stage" });
    this.backButton = el("button", { type: "button", "class": "peer-scenario__button", text: "Go back one step" });
    this.restartButton = el("button", { type: "button", "class": "peer-scenario__button", text: "Start again" });
    this.backButton.addEventListener("click", function () { self.back(); });
    this.restartButton.addEventListener("click", function () { self.restart(); });
    var controls = el("div", { "class": "peer-scenario__controls" }, [this.backButton, this.restartButton]);
    var note = el("p", { "class": "peer-scenario__note", text: "Your path is saved only in this browser. Nothing is sent anywhere." });
    var opening = el("p", { "class": "peer-scenario__opening" }, [
      el("strong", { text: this.data.person + ": " }),
      el("span", { html: "\u201C" + this.data.opening + "\u201D" })
    ]);
    [opening, this.transcript, this.stage, controls, note, this.live].forEach(function (child) { self.root.appendChild(child); });
  };

  Player.prototype.restore = function () {
    if (!this.store) return [];
    var raw = this.store.getItem(this.key);
    if (raw === null) return [];
    try {
      var saved = JSON.parse(raw);
      if (saved && saved.v === 1 && Array.isArray(saved.path) && this.isValidPath(saved.path)) return saved.path.slice();
    } catch (error) { /* corrupt: fall through */ }
    this.store.removeItem(this.key); // old or malformed data is discarded, never trusted
    return [];
  };

  Player.prototype.isValidPath = function (path) {
    var node = this.data.nodes[this.data.start];
    for (var i = 0; i < path.length; i += 1) {
      if (!node || node.ending || typeof path[i] !== "string") return false;
      var choice = this.choice(node, path[i]);
      if (!choice) return false;
      node = this.data.nodes[choice.next];
    }
    return Boolean(node);
  };

  Player.prototype.choice = function (node, id) {
    for (var i = 0; i < node.choices.length; i += 1) if (node.choices[i].id === id) return node.choices[i];
    return null;
  };

  Player.prototype.save = function () {
    if (!this.store) return;
    try { this.store.setItem(this.key, JSON.stringify({ v: 1, path: this.path })); } catch (error) { /* full: keep playing */ }
  };

  Player.prototype.steps = function () {
    var steps = [];
    var node = this.data.nodes[this.data.start];
    for (var i = 0; i < this.path.length; i += 1) {
      var choice = this.choice(node, this.path[i]);
      steps.push({ node: node, choice: choice });
      node = this.data.nodes[choice.next];
    }
    return { steps: steps, current: node };
  };

  Player.prototype.verdict = function (quality) {
    var q = QUALITY[quality];
    return el("p", { "class": "peer-scenario__verdict peer-scenario__verdict--" + quality }, [
      el("span", { "aria-hidden": "true", text: q.icon + " " }),
      el("strong", { text: q.label + "." })
    ]);
  };

  Player.prototype.render = function (announce) {
    var self = this;
    var state = this.steps();
    this.transcript.textContent = "";
    state.steps.forEach(function (step) {
      self.transcript.appendChild(el("li", { "class": "peer-scenario__step" }, [
        el("p", { "class": "peer-scenario__say" }, [el("strong", { text: "You: " }), el("span", { html: step.choice.say })]),
        el("p", { "class": "peer-scenario__reply" }, [el("strong", { text: self.data.person + ": " }), el("span", { html: step.choice.reply })]),
        el("div", { "class": "peer-scenario__feedback" }, [self.verdict(step.choice.quality), el("p", { html: step.choice.feedback })])
      ]));
    });
    this.stage.textContent = "";
    this.backButton.disabled = this.path.length === 0;
    var node = state.current;
    var focusTarget;
    if (node.ending) {
      focusTarget = this.renderSummary(node, state.steps);
    } else {
      if (node.prompt) this.stage.appendChild(el("p", { "class": "peer-scenario__prompt", html: node.prompt }));
      var group = el("div", { role: "group", "aria-label": "What do you say?", "class": "peer-scenario__choices" });
      group.appendChild(el("p", { "class": "peer-scenario__question", text: "What do you say?" }));
      node.choices.forEach(function (choice) {
        var button = el("button", { type: "button", "class": "peer-scenario__choice", "data-choice": choice.id, html: choice.say });
        button.addEventListener("click", function () { self.choose(choice.id); });
        group.appendChild(button);
      });
      this.stage.appendChild(group);
      focusTarget = group.querySelector("button");
    }
    if (announce) {
      var last = state.steps[state.steps.length - 1];
      var message = last
        ? this.data.person + " says: " + this.text(last.choice.reply) + " " + QUALITY[last.choice.quality].label + ". " + this.text(last.choice.feedback)
        : "Started again.";
      if (node.ending) message += " The conversation has ended. Your summary follows.";
      this.live.textContent = message;
      if (focusTarget) focusTarget.focus();
    }
  };

  Player.prototype.text = function (html) {
    var holder = document.createElement("div");
    holder.innerHTML = html; // build-time HTML from the payload, used only to read its text
    return holder.textContent;
  };

  Player.prototype.renderSummary = function (node, steps) {
    var self = this;
    var heading = el("h3", { "class": "peer-scenario__summary-title", tabindex: "-1", text: "How it went: " + ENDINGS[node.ending] });
    var summary = el("section", { "class": "peer-scenario__summary", "aria-label": "Summary" }, [heading, el("p", { html: node.debrief })]);
    var byCompetency = {};
    steps.forEach(function (step) {
      step.choice.competencies.forEach(function (id) {
        (byCompetency[id] = byCompetency[id] || []).push(step.choice);
      });
    });
    summary.appendChild(el("h4", { text: "Your path" }));
    var path = el("ol");
    steps.forEach(function (step) {
      path.appendChild(el("li", {}, [el("span", { html: step.choice.say + " " }), el("em", { text: "(" + QUALITY[step.choice.quality].label + ")" })]));
    });
    summary.appendChild(path);
    summary.appendChild(el("h4", { text: "Feedback by competency" }));
    var list = el("dl", { "class": "peer-scenario__competencies" });
    Object.keys(byCompetency).sort().forEach(function (id) {
      var choices = byCompetency[id];
      var counts = { good: 0, mixed: 0, poor: 0 };
      choices.forEach(function (choice) { counts[choice.quality] += 1; });
      list.appendChild(el("dt", { text: self.data.competencies[id] || id }));
      list.appendChild(el("dd", { text: counts.good + " helpful, " + counts.mixed + " partly helpful, " + counts.poor + " getting in the way." }));
      choices.filter(function (choice) { return choice.quality !== "good"; }).forEach(function (choice) {
        list.appendChild(el("dd", { "class": "peer-scenario__tip", html: choice.feedback }));
      });
    });
    summary.appendChild(list);
    this.stage.appendChild(summary);
    return heading;
  };

  Player.prototype.choose = function (id) {
    this.path.push(id);
    this.save();
    this.render(true);
  };

  Player.prototype.back = function () {
    if (!this.path.length) return;
    this.path.pop();
    this.save();
    this.render(false);
    this.live.textContent = "Went back one step.";
    var first = this.stage.querySelector("button");
    if (first) first.focus();
  };

  Player.prototype.restart = function () {
    this.path = [];
    if (this.store) this.store.removeItem(this.key);
    this.render(true);
  };

  // "Print the role cards" prints only the cards, one per sheet, for practice in the room.
  function addPrintButton() {
    var cards = document.querySelector(".peer-role-cards");
    if (!cards || document.querySelector(".peer-print-cards-button")) return;
    var button = el("button", { type: "button", "class": "peer-scenario__button peer-print-cards-button", text: "Print the role cards" });
    button.addEventListener("click", function () {
      document.body.classList.add("peer-printing-cards");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("peer-printing-cards"); });
    cards.parentNode.insertBefore(button, cards);
  }

  function start() {
    addPrintButton();
    var roots = document.querySelectorAll("[data-peer-scenario]");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.getAttribute("data-peer-ready")) return;
      var script = root.querySelector("script.peer-scenario__data");
      var data;
      try { data = JSON.parse(script.textContent); } catch (error) { return; }
      if (!data || data.version !== 1 || !data.nodes || !data.nodes[data.start]) return;
      root.setAttribute("data-peer-ready", "true");
      new Player(root, data); // eslint-disable-line no-new
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
