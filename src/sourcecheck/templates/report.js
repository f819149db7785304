(function () {
  "use strict";
  // Show the detail panel of the quote, reported speech or claim the reader points at; text is never
  // inserted as HTML. A quote inside reported speech (or a claim) shows the quote's panel, not both.
  var panel = document.getElementById("panel");
  var placeholder = document.getElementById("panel-empty");
  var KINDS = { q: "detail-", r: "reported-detail-", c: "claim-detail-" };
  function show(kind, id) {
    var detail = document.getElementById(KINDS[kind] + id);
    if (!detail) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".detail.shown"), function (d) {
      d.classList.remove("shown");
    });
    Array.prototype.forEach.call(document.querySelectorAll("mark.q.active, mark.r.active, mark.c.active"), function (m) {
      m.classList.remove("active");
    });
    detail.classList.add("shown");
    placeholder.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll("mark." + kind + "[data-" + kind + '="' + id + '"]'),
      function (m) { m.classList.add("active"); });
    panel.scrollTop = 0;
  }
  Object.keys(KINDS).forEach(function (kind) {
    Array.prototype.forEach.call(document.querySelectorAll("mark." + kind), function (mark) {
      var id = mark.getAttribute("data-" + kind);
      function here(event) { event.stopPropagation(); show(kind, id); }
      mark.addEventListener("click", here);
      mark.addEventListener("mouseover", here);
      mark.addEventListener("focus", here);
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); here(event); }
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll("a.goto[data-" + kind + "]"), function (link) {
      link.addEventListener("click", function () { show(kind, link.getAttribute("data-" + kind)); });
    });
  });
  document.body.classList.add("js");
})();
