// The authoring pages of `thongbao serve`: a file dropped (or chosen) on
// a new notice's form goes through the importer and fills the form, with
// what was found and what was not listed field by field; a file dropped
// on an existing notice's form is added to its bundle. The form itself
// works without this script.
(function () {
  "use strict";
  // After a save, the preview is loaded again once the rebuild of that
  // save has ended (it may end before the page's own reload script
  // connects, and a new notice's page may not exist yet).
  var frame = document.querySelector("iframe.preview[data-after]");
  if (frame) {
    var after = Number(frame.getAttribute("data-after"));
    var waited = 0;
    (function poll() {
      fetch("/_thongbao/built", { cache: "no-store" }).then(function (response) { return response.text(); }).then(function (count) {
        if (Number(count) > after) frame.src = frame.getAttribute("src");
        else if (waited++ < 600) setTimeout(poll, 100);
      }).catch(function () { if (waited++ < 600) setTimeout(poll, 200); });
    })();
  }
  var form = document.querySelector("form.notice-form");
  var zone = document.querySelector("[data-drop]");
  var findings = document.getElementById("findings");
  if (!form || !zone || !findings) return;
  var token = form.getAttribute("data-token");
  var kind = zone.getAttribute("data-drop");
  var input = zone.querySelector("input[type=file]");
  var LABELS = {};
  form.querySelectorAll("label[for^='f-']").forEach(function (label) {
    LABELS[label.getAttribute("for").slice(2)] = label.firstChild ? label.firstChild.textContent.trim() : "";
  });

  function say(html) { findings.innerHTML = html; }
  function escape(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function send(file) {
    var path = form.querySelector("input[name=path]").value;
    var url = kind === "import"
      ? "/_thongbao/import?name=" + encodeURIComponent(file.name)
      : "/_thongbao/attach?name=" + encodeURIComponent(file.name) + "&path=" + encodeURIComponent(path);
    say("…");
    return fetch(url, { method: "POST", body: file, headers: { "X-Thongbao-Token": token } })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        var read = type.indexOf("json") >= 0 ? response.json() : response.text().then(function (text) { return { error: text }; });
        return read.then(function (data) {
          if (!response.ok || data.error) throw new Error(data.error || response.statusText);
          return data;
        });
      })
      .then(kind === "import" ? filled : attached)
      .catch(function (error) { say("<p class=\"error\">" + escape(error.message) + "</p>"); });
  }

  // The importer's findings into the form, and the list of them.
  function filled(data) {
    var found = [], missing = [];
    Object.keys(data.fields).forEach(function (key) {
      var field = document.getElementById("f-" + key);
      if (!field) return;
      var value = data.fields[key];
      if (value) {
        field.value = value;
        if (key !== "body") found.push("<li><b>" + escape(LABELS[key] || key) + ":</b> " + escape(value) + "</li>");
      } else if (key !== "body") {
        missing.push("<li>" + escape(LABELS[key] || key) + "</li>");
      }
    });
    document.getElementById("f-draft").checked = Boolean(data.draft);
    form.querySelector("input[name=attachments]").value = data.stash || "";
    var html = "<h2>" + escape(findings.getAttribute("data-found")) + "</h2><ul class=\"found\">" + found.join("") + "</ul>";
    if (missing.length) html += "<h2>" + escape(findings.getAttribute("data-missing")) + "</h2><ul class=\"missing\">" + missing.join("") + "</ul>";
    if (data.attachments.length) html += "<ul class=\"attached\">" + data.attachments.map(function (name) { return "<li>" + escape(name) + "</li>"; }).join("") + "</ul>";
    if (data.notes.length) html += "<ul class=\"notes\">" + data.notes.map(function (note) { return "<li>" + escape(note) + "</li>"; }).join("") + "</ul>";
    say(html);
  }

  // A file added to the bundle; the notice may have moved into one.
  function attached(data) {
    var path = form.querySelector("input[name=path]").value;
    if (data.path !== path) {
      location.href = "/_thongbao/edit?path=" + encodeURIComponent(data.path) + "&attached=" + encodeURIComponent(data.name);
      return;
    }
    say("<p class=\"saved\">" + escape(data.name) + "</p>");
  }

  input.addEventListener("change", function () { if (input.files[0]) send(input.files[0]); });
  zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    var file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) send(file);
  });
})();
