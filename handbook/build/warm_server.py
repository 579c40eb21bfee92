"""``make live LANGS=et WARM=1``: serve the warm preview (handbook/build/warm.py).

sphinx-autobuild's server — its file watcher, its static page server and the script it
injects that reloads the browser — with one change: the rebuild runs in this process, in a
thread, on the kept Sphinx application (sphinx-autobuild runs each in a fresh process).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import uvicorn
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from handbook.build import lock
from handbook.build.live import IGNORED
from handbook.build.warm import WarmBuild
from handbook.site import Site


class WarmRebuildServer(RebuildServer):
    async def watch(self) -> None:
        import watchfiles

        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path)
        ):
            changed = [Path(path).resolve() for _, path in changes]
            await asyncio.to_thread(self.change_callback, changed)
            self.flag.set()


def application(site: Site, build: WarmBuild, url_host: str) -> Starlette:
    ignore = IgnoreFilter([build.folder], list(IGNORED))
    watcher = WarmRebuildServer([site.docs_dir, site.locale_dir], ignore, build)
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=build.outdir, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )


def run(site: Site, code: str, builddir: Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    try:
        with lock.held(builddir / "live" / "doctrees" / code, wait=False):
            build = WarmBuild(site, code, builddir)
            build()
            app = application(site, build, f"{host}:{port}")
            print(f"serving {code} on http://{host}:{port}/ (warm)", flush=True)
            uvicorn.run(app, host=host, port=port, log_level="warning")
            return 0
    except lock.Busy as busy:
        print(f"error: {busy}: another `make live LANGS={code}` is running", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
