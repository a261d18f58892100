/* Click a header of a table.sortable to sort by it (again to reverse). A cell sorts by its data-sort attribute when
   present, else by its text; numbers before text, empty cells always last. */
(function () {
  function key(cell) {
    var v = cell.getAttribute('data-sort');
    if (v === null) { v = cell.textContent.trim(); }
    if (v === '') { return null; }
    var n = Number(v);
    return isNaN(n) ? v.toLowerCase() : n;
  }
  function compare(a, b) {
    if (a === b) { return 0; }
    if (a === null) { return 1; }
    if (b === null) { return -1; }
    if (typeof a !== typeof b) { return typeof a === 'number' ? -1 : 1; }
    return a < b ? -1 : 1;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      th.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var x = key(r.cells[column]), y = key(s.cells[column]);
          if (x === null || y === null) { return compare(x, y); }
          return ascending ? compare(x, y) : compare(y, x);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
/* Once the page is loaded, checks that every section and chart the renderer wrote is in the DOM (each chart an svg
   element with content) and records the result on the body element: data-ok="true", or "false" with data-missing,
   also logged as a console error. The renderer writes its ids in place of the placeholders; ci/browser-check.sh
   reads them. */
(function () {
  var sections = SECTIONS, charts = CHARTS, missing = [];
  sections.forEach(function (id) { if (!document.getElementById(id)) { missing.push('section ' + id); } });
  charts.forEach(function (id) {
    var e = document.getElementById(id);
    if (!e || e.tagName.toLowerCase() !== 'svg' || !e.firstElementChild) { missing.push('chart ' + id); }
  });
  document.body.setAttribute('data-sections', String(sections.length));
  document.body.setAttribute('data-charts', String(charts.length));
  if (missing.length) {
    document.body.setAttribute('data-ok', 'false');
    document.body.setAttribute('data-missing', missing.join(', '));
    console.error('convbench report check failed, missing: ' + missing.join(', '));
  } else {
    document.body.setAttribute('data-ok', 'true');
  }
})();
