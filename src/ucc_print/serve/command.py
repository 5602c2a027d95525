"""`ucc-print serve`: the server and the builder started together, stopped together on Ctrl+C."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import UccError

if TYPE_CHECKING:
    from ..cli.context import Context


def serve(context: Context, guest_file: Path | None, sheet: str | None, shop: bool, port: int,
          open_browser: bool) -> None:
    """Serve the live preview on 127.0.0.1:`port` (0: any free port) until Ctrl+C."""
    from ..design.profiles import OFFICE, SHOP
    from .builder import Builder
    from .pages import PageImages
    from .server import PreviewServer
    from .state import State

    state, images = State(), PageImages()
    try:
        server = PreviewServer(port, state, images, context.folder.output)
    except OSError as error:
        raise UccError(f"cannot serve on 127.0.0.1:{port}: {error.strerror or error}.\n"
                       "Another program may be using that port: choose another with --port.") from None
    url = f"http://127.0.0.1:{server.server_port}/"
    builder = Builder(context, guest_file, sheet, SHOP if shop else OFFICE, state, images)
    stop = threading.Event()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    building = threading.Thread(target=builder.run, args=(stop,), daemon=True)
    serving.start()
    click.echo(f"the preview is at {url}  (open it in a browser; Ctrl+C stops)")
    if open_browser:
        webbrowser.open(url)
    building.start()
    try:
        while building.is_alive():
            building.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stopping.set()
        state.stopped()
        building.join(10)  # a build being written finishes first
        server.shutdown()
        server.server_close()
        click.echo("stopped the preview")
