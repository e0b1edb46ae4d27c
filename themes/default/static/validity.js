// Validity (tình trạng hiệu lực) and overdue tasks (quá hạn) worked out
// again for today: the page was built on another day, and its dates say
// when each state begins and when each task falls due. Without this script
// the page states them as of the build, and says so.
(function () {
  "use strict";
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  // Today in the theme's short form ("{dd}/{mm}/{yyyy}").
  function shortDate(format) {
    return (format || "{dd}/{mm}/{yyyy}")
      .replace("{dd}", pad(now.getDate()))
      .replace("{mm}", pad(now.getMonth() + 1))
      .replace("{yyyy}", String(now.getFullYear()));
  }

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
    time.textContent = shortDate(block.getAttribute("data-short-date"));
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

  // Tasks: overdue when past their deadline (data-due) and not done.
  var taskRows = document.querySelectorAll(".task[data-due]");
  if (taskRows.length) {
    var labels = {};
    var strings = document.querySelector("[data-task-labels]");
    try { labels = JSON.parse(strings ? strings.getAttribute("data-task-labels") : "{}"); } catch (error) { labels = {}; }
    taskRows.forEach(function (row) {
      var due = row.getAttribute("data-due");
      var state = row.getAttribute("data-done") === "true" ? "done" : (due && due < today ? "overdue" : "open");
      ["open", "overdue", "done"].forEach(function (name) { row.classList.remove("task-" + name); });
      row.classList.add("task-" + state);
      row.setAttribute("data-state", state);
      var label = row.querySelector(".task-state");
      if (label && labels[state]) label.textContent = labels[state];
    });
    document.querySelectorAll("time.tasks-today").forEach(function (time) {
      time.setAttribute("datetime", today);
      time.textContent = shortDate(time.getAttribute("data-short-date"));
    });
  }

  // The filters of the task pages: by state and by unit.
  document.querySelectorAll("form.tasks-filter").forEach(function (form) {
    var page = form.closest(".tasks-page") || document;
    var rows = page.querySelectorAll("tr.task");
    var state = form.querySelector("[name=state]");
    var unit = form.querySelector("[name=unit]");
    var shown = form.querySelector(".tasks-shown");
    var params = new URLSearchParams(window.location.search);
    if (params.get("state")) state.value = params.get("state");
    if (unit && params.get("unit")) unit.value = params.get("unit");
    function apply() {
      var count = 0;
      rows.forEach(function (row) {
        var visible = (!state.value || row.getAttribute("data-state") === state.value) &&
          (!unit || !unit.value || row.getAttribute("data-unit") === unit.value);
        row.hidden = !visible;
        if (visible) count += 1;
      });
      if (shown) {
        shown.textContent = (form.getAttribute("data-shown") || "{n} / {total}")
          .replace("{n}", String(count)).replace("{total}", String(rows.length));
      }
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  });
})();
