// Home page: changing a filter or the mode re-runs the search (state stays in the URL; page 1 again).
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) return;
  var controls = form.querySelectorAll("select.autosubmit, input[name=mode]");
  for (var i = 0; i < controls.length; i++) {
    controls[i].addEventListener("change", function () {
      if (document.getElementById("q").value.trim()) form.submit();
    });
  }
})();
