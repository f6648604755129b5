// Progressive enhancement only: every page works without this file.
// A "Copy" button next to each command marked data-copy; without JavaScript the command stays selectable text.
document.querySelectorAll('[data-copy]').forEach(function (code) {
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy the command ' + code.textContent);
  var status = document.createElement('span');
  status.className = 'muted copy-status';
  status.setAttribute('role', 'status');
  button.addEventListener('click', function () {
    var done = function () { status.textContent = 'Copied'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.textContent).then(done, function () { select(code); });
    } else {
      select(code);
      try { document.execCommand('copy'); done(); } catch (e) { status.textContent = 'Press Ctrl+C to copy'; }
    }
  });
  code.parentNode.insertBefore(button, code.nextSibling);
  button.parentNode.insertBefore(status, button.nextSibling);
});
function select(node) {
  var range = document.createRange();
  range.selectNodeContents(node);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
