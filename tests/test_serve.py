"""`ucc-print serve` as a clerk uses it: started as a process, its page open in headless Chromium,
content edited, broken and mended on disk — the page follows without being reloaded."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import Project


@pytest.fixture
def served(tmp_path):
    """A copy of the bundled project served on a free port: (project, base URL, the process)."""
    project = Project(tmp_path / "meeting")
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "ucc_print", "--project", str(project.root), "serve",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=environment)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "the preview is at http://127.0.0.1:" in line, line
    url = line.split("at ", 1)[1].split()[0]
    yield project, url, process
    if process.poll() is None:
        process.kill()
        process.wait(10)


def _state(url: str) -> dict:
    address = url.removeprefix("http://").rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.request("GET", "/state")
    return json.loads(connection.getresponse().read())


def _status(url: str, method: str, path: str, host: str | None = None) -> int:
    """The status of a request sent with its path exactly as given (no client tidying ../)."""
    connection = http.client.HTTPConnection(url.removeprefix("http://").rstrip("/"), timeout=10)
    connection.putrequest(method, path, skip_host=host is not None, skip_accept_encoding=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    return connection.getresponse().status


def _save(project: Project, name: str, old: str, new: str) -> None:
    """Save a content file as an editor does: written beside it, then put in its place at once."""
    path = project.path(name)
    text = path.read_text(encoding="utf-8")
    assert old in text
    saved = path.with_suffix(".saving")
    saved.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(saved, path)


def _images(page, output: str) -> list[str]:
    return page.eval_on_selector_all(f"#output-{output} .pages img", "els => els.map(e => e.getAttribute('src'))")


def test_the_page_follows_every_save_without_reloading(browser, served):
    project, url, process = served
    try:
        _follows(browser, project, url, process)
    except Exception:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        print("the server said:\n" + process.communicate(timeout=15)[0])
        raise


def _follows(browser, project, url, process) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_function("document.body.dataset.status === 'done'", timeout=30_000)
    state = _state(url)
    assert [output["name"] for output in state["outputs"]][:3] == ["handout", "slides", "cards"]
    handout, slides = _images(page, "handout"), _images(page, "slides")
    assert len(handout) == 7 and len(slides) == 13
    assert page.locator("iframe.web").count() == 1  # the web edition, shown as a page
    # the page's colours are the printed documents' (the palette the web edition's style.css has too)
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(0, 75, 140)"
    page.evaluate("window.stillHere = true")
    version = int(page.evaluate("document.body.dataset.version"))

    # a change: the handout's page with that heading, and only it, is new; the slides untouched
    began = time.perf_counter()
    _save(project, "handout.yaml", "heading: 開催概要", "heading: 開催の概要")
    page.wait_for_function(f"document.body.dataset.status === 'done' && +document.body.dataset.version > {version + 1}",
                           timeout=10_000)
    elapsed = time.perf_counter() - began
    print(f"\nsave to updated page: {elapsed * 1000:.0f} ms")
    assert elapsed < 5
    changed = _images(page, "handout")
    assert len(changed) == 7 and sum(a != b for a, b in zip(handout, changed, strict=True)) == 1
    assert _images(page, "slides") == slides and page.evaluate("window.stillHere") is True

    # a mistake: shown with its file and line instead of the pages
    _save(project, "event.yaml", "date: 令和8年6月17日(水)", "date: 2026-13-45")
    page.wait_for_function("document.body.dataset.status === 'failed'", timeout=10_000)
    line = project.line_of("event.yaml", "date: 2026-13-45")
    page.wait_for_function("document.body.dataset.status === 'failed' && document.querySelector('#problem-list')"
                           f".textContent.includes('content/event.yaml, line {line}: date')", timeout=10_000)
    assert page.locator("#outputs").is_hidden() and page.evaluate("window.stillHere") is True

    # mended: the problems go, the pages come back
    _save(project, "event.yaml", "date: 2026-13-45", "date: 令和8年6月17日(水)")
    page.wait_for_function("document.body.dataset.status === 'done'", timeout=10_000)
    assert page.locator("#problems").is_hidden() and len(_images(page, "handout")) == 7
    assert page.evaluate("window.stillHere") is True
    page.close()

    # only output/ and the page's own files; nothing written
    assert _status(url, "GET", "/output/handout.pdf") == 200
    for path in ("/output/../content/event.yaml", "/output/%2e%2e/content/event.yaml", "/../content/event.yaml",
                 "/output//etc/passwd", "/etc/passwd", "/output/", "/output/a%00b", "/output/" + "x" * 5000):
        assert _status(url, "GET", path) == 404, path
    assert _status(url, "POST", "/state") == 405 and _status(url, "PUT", "/output/handout.pdf") == 405
    assert _status(url, "OPTIONS", "/") == 405
    port = url.rsplit(":", 1)[1].strip("/")
    assert _status(url, "GET", "/state", host=f"localhost:{port}") == 200
    assert _status(url, "GET", "/state", host="evil.example") == 403  # another site's name for this address

    process.send_signal(signal.SIGINT)  # Ctrl+C
    out, _ = process.communicate(timeout=15)
    assert process.returncode == 0 and "stopped the preview" in out and "Traceback" not in out


def test_a_port_in_use_is_a_message_not_a_traceback(served, tmp_path):
    _project, url, _process = served
    port = url.rsplit(":", 1)[1].strip("/")
    other = Project(tmp_path / "other")
    result = other.run("serve", "--port", port)
    assert result.exit_code == 2 and f"cannot serve on 127.0.0.1:{port}" in result.output and "--port" in result.output


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="on Windows SIGTERM ends a process outright")
def test_serve_sent_sigterm_stops_as_at_ctrl_c(served):
    _project, url, process = served
    deadline = time.monotonic() + 60
    while _state(url).get("status") != "done" and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and "stopped the preview" in out, out
    assert "Traceback" not in out and "leaked" not in out, out


def test_a_page_keeps_its_key_while_another_page_changes(project):
    """Page images are rendered once: a page is known by what it draws, not by the font subset's codes
    (which shift when another page gains a character) — tent cards draw through forms."""
    from ucc_print.serve.pages import page_keys

    assert project.run("cards").exit_code == 0
    before = page_keys((project.output / "tent-cards.pdf").read_bytes())
    project.edit("guests.yaml", "name: 北山 浩士", "name: 南川 健二")
    assert project.run("cards").exit_code == 0
    after = page_keys((project.output / "tent-cards.pdf").read_bytes())
    assert [index for index, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [0]
