"""The documentation is laid out like furo's: a short README, guidance for authors and
translators in the handbook, publishing beside its code, the design in design/ — and the
words stay true to the tree they describe."""

from __future__ import annotations

import re
import subprocess

import pytest
from helpers import ROOT

from handbook.patches import pins

README = ROOT / "README.md"
DESIGN = ROOT / "design"
DOCUMENTS = [
    README,
    ROOT / "CONTRIBUTING.md",
    ROOT / "handbook" / "deploy" / "README.md",
    *sorted(DESIGN.glob("*.md")),
]


def tracked(folder: str = "") -> list[str]:
    """The entries `ls` shows of a folder (tracked files, no hidden ones), in `ls` order."""
    listed = subprocess.run(
        ["git", "ls-files", "--", folder or "."], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    depth = folder.count("/") + 1 if folder else 0
    entries = set()
    for path in listed:
        parts = path.split("/")
        name = parts[depth] + ("/" if len(parts) > depth + 1 else "")
        if not name.startswith("."):
            entries.add(name)
    return sorted(entries, key=lambda name: name.rstrip("/"))  # as `ls`: handbook, handbook.toml


def test_the_readme_is_short():
    assert README.stat().st_size <= 6 * 1024


def test_the_readme_lists_exactly_the_targets_make_help_shows():
    shown = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    )
    assert shown.returncode == 0
    described = [line.split()[0] for line in shown.stdout.splitlines() if line.strip()]
    table = re.findall(r"^\| `make ([a-z-]+)` \|", README.read_text(encoding="utf-8"), re.M)
    assert table == described


def test_every_internal_we_depend_on_is_explained():
    text = (DESIGN / "internals.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+) — (\S+)$", text, flags=re.MULTILINE)
    assert headings == [(internal.module, internal.package) for internal in pins.INTERNALS]


@pytest.mark.parametrize(
    ("section", "folder", "indent"),
    [("The repository", "", ""), ("The package", "handbook", "  ")],
    ids=["top level", "handbook"],
)
def test_the_design_index_reads_like_ls(section, folder, indent):
    text = (DESIGN / "README.md").read_text(encoding="utf-8")
    text = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    lines = re.finditer(rf"^{indent}(\S+)\s{{2,}}\S", text, flags=re.MULTILINE)
    described = [line[1] for line in lines]
    entries = tracked(folder)
    assert [name for name in described if name in entries] == entries


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_and_paths_name_what_exists(document):
    text = document.read_text(encoding="utf-8")
    missing = []
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        if "://" not in target and not (document.parent / target).exists():
            missing.append(target)
    for path in re.findall(r"`((?:handbook|tests|docs|design|locale)/[^`\s]*)`", text):
        if not re.search(r"[<>*{…]", path) and not (ROOT / path).exists():
            missing.append(path)
    package = "|".join(name.rstrip("/") for name in tracked("handbook") if name.endswith("/"))
    for path in re.findall(rf"`((?:{package})/[^`\s]*)`", text):  # e.g. `build/run.py`
        if not re.search(r"[<>*{…]", path) and not (ROOT / "handbook" / path).exists():
            missing.append(path)
    assert missing == []


def test_the_interface_catalogs_name_files_that_exist():
    # handbook.po is kept by hand; its "#:" comments say which of our files use each entry
    named = set()
    for catalog in sorted((ROOT / "locale").glob("*/LC_MESSAGES/handbook.po")):
        for line in catalog.read_text(encoding="utf-8").splitlines():
            if line.startswith("#: "):
                named |= {path.split(":")[0] for path in line[3:].replace(",", " ").split()}
    assert named
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
