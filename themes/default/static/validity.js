// Validity (tình trạng hiệu lực) worked out again for today: the page was
// built on another day, and its dates say when each state begins. Without
// this script the page states it as of the build, and says so.
(function () {
  "use strict";
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());

  function setState(element, state) {
    Array.prototype.slice.call(element.classList).forEach(function (name) {
      if (name.indexOf("validity-") === 0 && name !== "validity-badge") element.classList.remove(name);
    });
    element.classList.add("validity-" + state);
  }

  // The notice page: the period today falls in, from the page's own.
  document.querySelectorAll("section.validity").forEach(function (block) {
    var current = null;
    block.querySelectorAll("template.validity-period").forEach(function (period) {
      var from = period.getAttribute("data-from");
      if (!from || from <= today) current = period;
    });
    if (!current) return;
    block.querySelector(".validity-now").replaceChildren(current.content.cloneNode(true));
    setState(block, current.getAttribute("data-state"));
    var time = block.querySelector(".validity-today");
    time.setAttribute("datetime", today);
    time.textContent = (block.getAttribute("data-short-date") || "{dd}/{mm}/{yyyy}")
      .replace("{dd}", pad(now.getDate()))
      .replace("{mm}", pad(now.getMonth() + 1))
      .replace("{yyyy}", String(now.getFullYear()));
    block.setAttribute("data-as-of", today);
  });

  // Badges of listings and the metadata: [[from, state, label], …].
  document.querySelectorAll("[data-validity]").forEach(function (badge) {
    var periods;
    try { periods = JSON.parse(badge.getAttribute("data-validity")); } catch (error) { return; }
    if (!periods.length) return;
    var pick = periods[0];
    periods.forEach(function (period) { if (!period[0] || period[0] <= today) pick = period; });
    badge.textContent = pick[2];
    setState(badge, pick[1]);
  });
})();
