// Injected by `thongbao serve` into every page it serves (never into a
// build): reloads the page after each successful rebuild and shows the
// errors of a failed one over the last good page.
(function () {
  "use strict";
  var overlayId = "thongbao-build-errors";

  function hide() {
    var overlay = document.getElementById(overlayId);
    if (overlay) overlay.remove();
  }

  function show(errors) {
    hide();
    var overlay = document.createElement("div");
    overlay.id = overlayId;
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", overlayId + "-title");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(24,24,27,.95);color:#fafafa;padding:2rem;font:15px/1.5 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.id = overlayId + "-title";
    title.style.cssText = "margin:0 0 .5rem;color:#fca5a5;font-size:1.3rem";
    title.textContent = "thongbao: the last change did not build (" + errors.length +
      (errors.length === 1 ? " error)" : " errors)");
    overlay.appendChild(title);
    var note = document.createElement("p");
    note.textContent = "The site is still the last good build. Fix the file and save: this page updates by itself.";
    overlay.appendChild(note);
    errors.forEach(function (error) {
      var item = document.createElement("pre");
      item.className = "thongbao-build-error";
      item.style.cssText = "white-space:pre-wrap;background:#27272a;padding:.75rem 1rem;border-left:4px solid #f87171;" +
        "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace";
      item.textContent = error.location + "\n" + error.message + (error.help ? "\nhelp: " + error.help : "");
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }

  var events = new EventSource("/__thongbao/events");
  // Lets a test (or a curious reader) see that the page is listening.
  events.addEventListener("open", function () { document.documentElement.dataset.thongbaoLive = "connected"; });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("errors", function (event) { show(JSON.parse(event.data)); });
  events.addEventListener("ok", hide);
})();
