/* Static site search: every word of the query, accents ignored, in the texts in force (progressive enhancement). */
(function () {
  "use strict";
  var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  var form = document.querySelector("form.search"), out = document.getElementById("resultats");
  if (!form || !out || !window.RECHERCHE) { return; }
  var index = window.RECHERCHE.map(function (e) { return { e: e, f: fold(e.h + " " + e.x) }; });
  function run(q) {
    var words = fold(q).split(/[^0-9a-z]+/).filter(Boolean);
    out.textContent = "";
    if (!words.length) { return; }
    var hits = index.filter(function (r) { return words.every(function (w) { return r.f.indexOf(w) >= 0; }); });
    hits.slice(0, 100).forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = r.e.u; a.textContent = r.e.h; li.appendChild(a); out.appendChild(li);
    });
    var p = document.createElement("li"); p.className = "muted";
    p.textContent = hits.length + " résultat" + (hits.length > 1 ? "s" : "");
    out.insertBefore(p, out.firstChild);
  }
  var q = new URLSearchParams(location.search).get("q");
  if (q) { document.getElementById("q").value = q; run(q); }
})();
