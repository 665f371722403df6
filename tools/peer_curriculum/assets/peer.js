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
  var script = document.createElement("script");
  script.src = base + "quiz.js";
  document.head.appendChild(script);
})();
