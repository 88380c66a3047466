/**
 * The client script, served as `/assets/ui.js` (the page CSP allows scripts from this origin
 * only, and none inline). Everything works without it; it only adds conveniences:
 * `/` focuses the search box, and the compare button says how many runs are ticked (2–10).
 */
export const UI_SCRIPT = `'use strict';
document.addEventListener('keydown', function (event) {
  var target = event.target;
  var typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
  if (event.key === '/' && !typing) {
    var search = document.getElementById('search');
    if (search) { event.preventDefault(); search.focus(); }
  }
});
document.addEventListener('change', function () {
  var button = document.getElementById('compare-button');
  if (!button) return;
  var ticked = document.querySelectorAll('input[name="run"]:checked').length;
  button.textContent = 'Compare selected (' + ticked + ')';
  button.disabled = ticked < 2 || ticked > 10;
});
`;
