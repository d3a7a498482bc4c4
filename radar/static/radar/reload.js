// Reloads a page that asks for it with data-reload-seconds (a queued or running fetch of
// the funding radar), so its state stays current. A file of its own: the Content Security
// Policy allows no inline script.
(function () {
  "use strict";
  var element = document.querySelector("[data-reload-seconds]");
  if (!element) {
    return;
  }
  var seconds = parseInt(element.getAttribute("data-reload-seconds"), 10);
  if (seconds > 0) {
    window.setTimeout(function () {
      window.location.reload();
    }, seconds * 1000);
  }
})();
