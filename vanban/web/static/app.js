// The web app's small helpers (no framework, no network): open the task row a link points to.
(function () {
  if (location.hash.indexOf("#t-") === 0) {
    var row = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (row) { row.style.background = "#fff6cc"; row.scrollIntoView({block: "center"}); }
  }
})();
