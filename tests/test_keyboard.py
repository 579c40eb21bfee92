"""The handbook from the keyboard, on a desktop and on a phone: every control is reached
with Tab and shows where the focus is, nothing hidden takes the focus, and the menu and
contents drawers open and close from the keyboard."""

from __future__ import annotations

import pytest

PAGE = "et/principles/empathy.html"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# What has the focus, whether a reader can see it there, and the ring that shows it (for
# the sidebar's visually hidden expand checkboxes, the ring is on their label).
FOCUSED = """async () => {
  await Promise.all(document.getAnimations().map(animation => animation.finished));
  const element = document.activeElement;
  const shown = element.matches('.toctree-checkbox')
    ? document.querySelector(`label[for="${element.id}"]`) : element;
  const box = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const onScreen = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
    && box.left < innerWidth && box.top < innerHeight
    && getComputedStyle(element).visibility === 'visible';
  return {
    name: (element.getAttribute('aria-label') || element.textContent || element.name || '')
      .trim().slice(0, 40),
    classes: element.className && element.className.baseVal === undefined
      ? element.className : '',
    tag: element.tagName.toLowerCase(),
    onScreen,
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    size: [box.width, box.height],
  };
}"""


def _open(new_page, site_url: str, viewport: dict):
    """The page in a tab that asks for reduced motion: no drawer still sliding in when the
    focus is measured."""
    tab = new_page(viewport=viewport)
    tab.emulate_media(reduced_motion="reduce")
    tab.goto(site_url + PAGE)
    return tab


def _walk(tab, presses: int = 80) -> list[dict]:
    stops = []
    for _ in range(presses):
        tab.keyboard.press("Tab")
        stop = tab.evaluate(FOCUSED)
        if stop["tag"] == "body":
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tab_reaches_every_control_with_a_visible_focus(new_page, site_url, viewport):
    tab = _open(new_page, site_url, viewport)
    stops = _walk(tab)
    hidden = [s for s in stops if not s["onScreen"]]
    assert hidden == [], hidden  # e.g. the closed sidebar's links on a phone
    assert [s for s in stops if not s["ring"]] == []
    classes = " ".join(s["classes"] for s in stops)
    names = [s["name"] for s in stops]
    assert "English" in names and "Русский" in names  # the switcher
    assert "toc-overlay-icon" in classes  # the contents button (the TOC is folded ≤ 1312 px)
    if viewport is PHONE:
        assert "nav-overlay-icon" in classes  # the menu button
    else:
        assert "sidebar-search" in classes  # the search box, in the visible sidebar
        assert "toctree-checkbox" in classes  # the sidebar's expand arrows
    # Targets of 24 px and more; links within text (no class, or Sphinx's "reference") are
    # exempt, as WCAG 2.5.8 has them, since the line they sit in sets their height.
    small = [s for s in stops if s["classes"] and min(s["size"]) < 24]
    assert [s for s in small if "reference" not in s["classes"]] == []


def test_the_menu_opens_and_closes_from_the_keyboard_on_a_phone(new_page, site_url):
    tab = _open(new_page, site_url, PHONE)
    menu = tab.locator("header .handbook-drawer-button.nav-overlay-icon")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.activeElement.closest('.sidebar-drawer') !== null")
    assert menu.get_attribute("aria-expanded") == "true"
    focused = tab.evaluate(FOCUSED)
    assert focused["onScreen"] and focused["ring"]  # the first link of the open drawer
    for _ in range(3):  # then the search box, right under the handbook's name
        if tab.evaluate("document.activeElement.classList.contains('sidebar-search')"):
            break
        tab.keyboard.press("Tab")
    focused = tab.evaluate(FOCUSED)
    assert "sidebar-search" in focused["classes"] and focused["onScreen"] and focused["ring"]
    tab.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert tab.evaluate("document.activeElement.classList.contains('nav-overlay-icon')")
    # closed again, its links are out of the Tab order
    assert all(s["onScreen"] for s in _walk(tab, 30))


def test_the_contents_drawer_opens_from_the_keyboard(new_page, site_url):
    tab = _open(new_page, site_url, PHONE)
    button = tab.locator("header .handbook-drawer-button.toc-overlay-icon")
    button.focus()
    tab.keyboard.press(" ")
    tab.wait_for_function("document.activeElement.closest('.toc-drawer') !== null")
    assert button.get_attribute("aria-expanded") == "true"
    assert tab.evaluate(FOCUSED)["onScreen"]
    tab.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_controls_are_targets_of_at_least_24_px(new_page, site_url, viewport):
    tab = _open(new_page, site_url, viewport)
    sizes = tab.evaluate(
        """() => [...document.querySelectorAll(
             '.language-switcher a, .language-current, .theme-toggle, .handbook-drawer-button,'
             + ' .sidebar-search')]
           .filter(e => e.offsetParent !== null)
           .map(e => [e.className, e.getBoundingClientRect().width,
                      e.getBoundingClientRect().height])"""
    )
    assert len(sizes) >= 5
    assert [s for s in sizes if min(s[1:]) < 24] == []
