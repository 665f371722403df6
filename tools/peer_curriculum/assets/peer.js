/* Loads the quiz and scenario player only on pages that have one, as cached files. */
(function () {
  "use strict";
  var self = document.currentScript;
  if (!self || !document.querySelector("[data-peer-quiz], [data-peer-scenario]")) return;
  var base = self.src.replace(/[^/]*$/, "");
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = base + "quiz.css";
  document.head.appendChild(style);
  // quiz.js also renders a scenario's exercises; scenario.js plays its conversation.
  var scripts = ["quiz.js"];
  if (document.querySelector("[data-peer-scenario]")) {
    scripts.push("scenario.js");
    var cards = document.createElement("link");
    cards.rel = "stylesheet";
    cards.href = base + "scenario.css";
    document.head.appendChild(cards);
  }
  scripts.forEach(function (name) {
    var script = document.createElement("script");
    script.src = base + name;
    document.head.appendChild(script);
  });
})();
