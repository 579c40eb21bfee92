/* The menu and contents drawers for keyboards and screen readers
   (handbook/templates/page.html, handbook/static/handbook-access.css).

   furo opens its drawers with <label for="__navigation|__toc"> over hidden checkboxes: a
   mouse or a finger can use them, a keyboard cannot reach them. The page carries real
   <button>s beside the labels (shown once furo's script has removed the "no-js" class);
   this script makes them toggle the same checkboxes, keeps aria-expanded true to the
   drawer's state, moves focus into an opened drawer and back with Escape. */
(function () {
  "use strict";

  function buttonsFor(id) {
    return document.querySelectorAll('.handbook-drawer-button[data-drawer="' + id + '"]');
  }

  function sync(checkbox) {
    buttonsFor(checkbox.id).forEach(function (button) {
      button.setAttribute("aria-expanded", checkbox.checked ? "true" : "false");
    });
  }

  function drawerOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  // The first control shown: furo hides the contents' own first link (the page title).
  function firstFocusable(drawer) {
    if (!drawer) return null;
    var candidates = drawer.querySelectorAll("input, a[href], button");
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].getClientRects().length > 0) return candidates[i];
    }
    return null;
  }

  function setup() {
    var opener = null;
    document.querySelectorAll(".handbook-drawer-button").forEach(function (button) {
      var checkbox = document.getElementById(button.dataset.drawer);
      if (!checkbox) return;
      button.addEventListener("click", function () {
        checkbox.checked = !checkbox.checked;
        sync(checkbox);
        if (checkbox.checked) {
          opener = button;
          // once the drawer is visible, or the focus would not move
          window.setTimeout(function () {
            var target = firstFocusable(drawerOf(button));
            if (target) target.focus();
          }, 0);
        }
      });
    });
    document.querySelectorAll("input.sidebar-toggle").forEach(function (checkbox) {
      checkbox.addEventListener("change", function () { sync(checkbox); });
      sync(checkbox);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll("input.sidebar-toggle").forEach(function (checkbox) {
        if (!checkbox.checked) return;
        checkbox.checked = false;
        sync(checkbox);
        if (opener && opener.offsetParent !== null) opener.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
