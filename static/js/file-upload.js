// The file inputs of templates/forms/widgets/file_upload.html: once JavaScript runs, the
// status line beside the translated button says which files are chosen (the native input,
// which would say it in the browser's language, lies transparent over the button).
(function () {
  "use strict";
  function show(input, status) {
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    status.textContent = names.length
      ? status.getAttribute("data-chosen") + " " + names.join(", ")
      : status.getAttribute("data-none");
  }
  function start() {
    document.querySelectorAll(".file-upload").forEach(function (box) {
      var input = box.querySelector("input[type=file]");
      var status = box.nextElementSibling;
      if (!input || !status || !status.classList.contains("file-upload__status") || status.dataset.ready) return;
      status.dataset.ready = "1";
      status.hidden = false;
      show(input, status);
      input.addEventListener("change", function () { show(input, status); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
