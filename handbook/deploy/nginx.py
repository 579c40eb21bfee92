"""Publishing on a web server: the nginx configuration for the built site, and Debian's nginx
run in the foreground with it (``make serve-prod`` and the tests).

The configuration is rendered from ``templates/*.j2`` beside this module with what only the
project knows: the languages and the base URL (handbook.toml, through ``handbook.site``) and
the hashes of the inline code in the built pages (``handbook.deploy.csp``). Nothing in it is
typed in by hand, so adding a language or changing the theme needs a new rendering, never an edit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from handbook.deploy import csp
from handbook.findings import Finding, relative
from handbook.multilingual import redirects
from handbook.site import DECLARATION, Site

# The cookie the language switcher sets when a reader picks a language; it wins over
# Accept-Language at the site's root (and in the landing page's script).
COOKIE = "handbook_lang"
PRODUCTION_LISTEN = ("80", "[::]:80")
NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
SITE_CONF = "handbook.conf"
# The templates belong to this checkout's tooling, not to a project copy's content.
TEMPLATES = Path(__file__).resolve().parent / "templates"
MAIN_CONF = "nginx.conf"

# Everything rendered into nginx's syntax must be plain: no quotes, '$' (variables), ';', braces.
_PLAIN_PATH = re.compile(r"^[^\"'$;{}\\\s]+$")
_URL_PATH = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*$")
_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*$")


class DeployError(Exception):
    """The site cannot be published as it is; ``findings`` say where and why."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__("\n".join(str(finding) for finding in self.findings))


@dataclass(frozen=True)
class Rendered:
    text: str
    warnings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Lang:
    code: str  # the folder: et, ru, en
    tag: str  # as Accept-Language writes it (pt_BR -> pt-br)


def base_path(site: Site) -> str:
    """The path part of the base URL: "/" or a sub-path like "/handbook/"."""
    path = urlsplit(site.base_url).path or "/"
    if not _URL_PATH.match(path):
        raise DeployError(
            [
                _declared(
                    site, "base_url", f"the base URL's path {path!r} is not a plain folder path"
                )
            ]
        )
    return path


def render_site(
    site: Site,
    built: Path,
    *,
    root: Path | None = None,
    listen: Sequence[str] = PRODUCTION_LISTEN,
) -> Rendered:
    """``handbook.conf``: the http-context configuration (maps and the server) for the site
    built in ``built``, served from ``root`` (by default the same folder)."""
    built = built.resolve()
    root = built if root is None else root
    problems = _check_tree(site, built) + _check_values(site, root, listen)
    if problems:
        raise DeployError(problems)
    code = csp.scan(built, site.root)
    if code.findings:
        raise DeployError(code.findings)
    languages = [_Lang(lang.code, lang.code.replace("_", "-").lower()) for lang in site.languages]
    # Accept-Language leads only to finished languages; a draft is reached by choosing it.
    accepted = [row for row, lang in zip(languages, site.languages, strict=True) if lang.is_release]
    base = base_path(site)
    text = (
        _templates()
        .get_template(f"{SITE_CONF}.j2")
        .render(
            declaration=DECLARATION,
            built=built,
            root=root,
            base=base,
            base_re=re.escape(base),
            server_name=urlsplit(site.base_url).hostname or "_",
            listen=listen,
            cookie=COOKIE,
            fallback=site.fallback.code,  # the same rule as the landing page's script
            languages=languages,
            accepted=accepted,
            accept_alternatives="|".join(
                re.escape(lang.tag) for lang in sorted(accepted, key=lambda x: -len(x.tag))
            ),
            code_alternatives="|".join(re.escape(lang.code) for lang in languages),
            mime_types=MIME_TYPES,
            csp=csp.policy(code),
            # moved pages (handbook.toml [redirects]): the old address in every language
            redirects=[pair for lang in languages for pair in redirects.moved(site, lang.code)],
        )
    )
    warnings = [
        Finding(
            relative(built / lang.code / "404.html", site.root),
            None,
            "missing: a mistyped address there gets nginx's own English 404 page",
        )
        for lang in site.languages
        if not (built / lang.code / "404.html").is_file()
    ]
    return Rendered(text, warnings)


def render_main(site_conf: Path, run: Path, *, access_log: str = "off") -> str:
    """``nginx.conf``: a whole configuration around ``site_conf`` for a foreground nginx whose
    pid file and temporary files all stay in ``run``."""
    return (
        _templates()
        .get_template(f"{MAIN_CONF}.j2")
        .render(
            user="root" if os.geteuid() == 0 else None,
            workers=1,
            run=run.resolve(),
            log_level="warn",
            access_log=access_log,
            site_conf=site_conf.resolve(),
        )
    )


def write_site(site: Site, built: Path, out: Path, **options) -> tuple[Path, list[Finding]]:
    """Render ``handbook.conf`` into ``out`` (a file, or a folder to hold it). Nothing is
    written when the site cannot be published."""
    rendered = render_site(site, built, **options)
    path = out / SITE_CONF if out.is_dir() else out
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(rendered.text, encoding="utf-8")
    partial.replace(path)
    return path, rendered.warnings


# -- Running nginx --------------------------------------------------------------------------


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT/ plus the base path
    process: subprocess.Popen
    run: Path
    warnings: list[Finding]

    def wait(self) -> int:
        return self.process.wait()


def nginx_binary() -> Path:
    found = shutil.which("nginx")
    if found:
        return Path(found)
    if NGINX.exists():
        return NGINX
    raise DeployError(
        [Finding("nginx", None, "not installed: `apt-get install nginx` (Debian's package)")]
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(
    site: Site,
    built: Path,
    run: Path,
    *,
    port: int | None = None,
    root: Path | None = None,
    access_log: str = "off",
    log: Path | None = None,
    timeout: float = 15.0,
) -> Iterator[Server]:
    """Debian's nginx in the foreground on 127.0.0.1 serving the site built in ``built``
    (``root``: serve another copy with ``built``'s configuration). Stopped on leaving, however
    that happens. nginx's own messages go to ``log``, or to this process's stderr."""
    binary = nginx_binary()
    run.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    rendered = render_site(site, built, root=root, listen=[f"127.0.0.1:{port}"])
    site_conf = run / SITE_CONF
    site_conf.write_text(rendered.text, encoding="utf-8")
    main_conf = run / MAIN_CONF
    main_conf.write_text(render_main(site_conf, run, access_log=access_log), "utf-8")
    command = [
        str(binary),
        "-p",
        str(run.resolve()),
        "-c",
        str(main_conf.resolve()),
        "-e",
        "stderr",
    ]
    with open(log, "ab") if log else _inherited() as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=stderr)
    try:
        _wait_until_listening(process, port, timeout, log)
        yield Server(f"http://127.0.0.1:{port}{base_path(site)}", process, run, rendered.warnings)
    finally:
        stop(process)


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Fast shutdown (SIGTERM makes the master stop its workers first), then SIGKILL."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _inherited() -> Iterator[None]:
    yield None


def _wait_until_listening(
    process: subprocess.Popen, port: int, timeout: float, log: Path | None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(errors="replace").strip() if log and log.exists() else ""
            raise DeployError(
                [Finding("nginx", None, f"exited with {process.returncode} at start: {said}")]
            )
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    stop(process)
    raise DeployError([Finding("nginx", None, f"not listening on port {port} after {timeout} s")])


# -- Checks ---------------------------------------------------------------------------------


def _check_tree(site: Site, built: Path) -> list[Finding]:
    shown = relative(built, site.root)
    if not built.is_dir():
        return [Finding(shown, None, "no built site here: run `make html` first")]
    return [
        Finding(
            relative(built / lang.code / "index.html", site.root),
            None,
            f"missing: {lang.code} is declared in {DECLARATION} but not built (`make html`)",
        )
        for lang in site.languages
        if not (built / lang.code / "index.html").is_file()
    ]


def _check_values(site: Site, root: Path, listen: Sequence[str]) -> list[Finding]:
    problems = [
        _declared(site, f'"{lang.code}"', f"language code {lang.code!r} cannot name a URL folder")
        for lang in site.languages
        if not _CODE.match(lang.code)
    ]
    try:
        base_path(site)
    except DeployError as error:
        problems += error.findings
    if not root.is_absolute():
        problems.append(
            Finding(str(root), None, "the folder nginx serves must be an absolute path")
        )
    elif not _PLAIN_PATH.match(str(root)):
        problems.append(
            Finding(
                str(root),
                None,
                "nginx cannot serve a folder whose path has quotes, '$', "
                "';', braces, backslashes or spaces; build or copy the site elsewhere",
            )
        )
    problems += [
        Finding("--listen", None, f"{address!r} is not an nginx listen address")
        for address in listen
        if not _PLAIN_PATH.match(address)
    ]
    return problems


def _declared(site: Site, needle: str, message: str) -> Finding:
    """A finding on the line of handbook.toml that holds ``needle``."""
    path = site.root / DECLARATION
    line = None
    with suppress(OSError):
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in text and not text.lstrip().startswith("#"):
                line = number
                break
    return Finding(DECLARATION, line, message)


def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
