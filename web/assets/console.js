// Light interactivity for the console; the pages work without it (plain forms and links).
(function () {
  if (window.htmx) {
    // Validation answers (400/422) carry the re-rendered form with the errors beside the fields: swap them in.
    window.htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '4..', swap: true, error: false },
      { code: '...', swap: false, error: true },
    ];
  }

  // The decision form shows only the fields the chosen action needs.
  function syncDecision(form) {
    var checked = form.querySelector('input[name="action"]:checked');
    var action = checked ? checked.value : '';
    form.querySelectorAll('[data-for-actions]').forEach(function (el) {
      var show = el.getAttribute('data-for-actions').split(' ').indexOf(action) >= 0;
      el.hidden = !show;
    });
  }
  function all(root, selector) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) found.unshift(root);
    return found;
  }
  function init(root) {
    // After a refused form comes back, put the keyboard on the first field that needs fixing.
    var invalid = all(root, '[aria-invalid="true"]')[0];
    if (invalid) invalid.focus();
    all(root, 'form[data-decision]').forEach(function (form) {
      syncDecision(form);
      form.addEventListener('change', function () {
        syncDecision(form);
      });
    });
    all(root, 'input[data-select-all]').forEach(function (box) {
      box.addEventListener('change', function () {
        var form = box.form;
        form.querySelectorAll('input[name="taskId"]').forEach(function (b) {
          b.checked = box.checked;
        });
      });
    });
  }
  // htmx:load fires for the page and for every piece of content htmx swaps in.
  if (window.htmx)
    window.htmx.onLoad(function (elt) {
      init(elt);
    });
  else
    document.addEventListener('DOMContentLoaded', function () {
      init(document);
    });
})();
