(function () {
  "use strict";
  // Show the detail panel of the quote the reader points at; text is never inserted as HTML.
  var panel = document.getElementById("panel");
  var placeholder = document.getElementById("panel-empty");
  function show(id) {
    var detail = document.getElementById("detail-" + id);
    if (!detail) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".detail.shown"), function (d) {
      d.classList.remove("shown");
    });
    Array.prototype.forEach.call(document.querySelectorAll("mark.q.active"), function (m) {
      m.classList.remove("active");
    });
    detail.classList.add("shown");
    placeholder.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll('mark.q[data-q="' + id + '"]'), function (m) {
      m.classList.add("active");
    });
    panel.scrollTop = 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll("mark.q"), function (mark) {
    var id = mark.getAttribute("data-q");
    mark.addEventListener("click", function () { show(id); });
    mark.addEventListener("mouseenter", function () { show(id); });
    mark.addEventListener("focus", function () { show(id); });
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(id); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a.goto"), function (link) {
    link.addEventListener("click", function () { show(link.getAttribute("data-q")); });
  });
  document.body.classList.add("js");
})();
