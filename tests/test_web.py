"""The web edition opened in a real browser: headless Chromium (Debian's, driven by Playwright) and
axe-core (npm, pinned in tests/web/package.json) with the WCAG 2.0/2.1 A and AA rules, on the
bundled meeting and on generated ones; its structure, links, privacy and figures read back.

Without Chromium, Playwright or axe-core these tests skip, saying which is missing (.ci/run
installs all three).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import REPO, Project, run_cli
from .meetings import generate
from .pdfread import page_texts

AXE = REPO / "tests" / "web" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ("index.html", "press-release.html", "slides.html")
WIDTHS = (1280, 375)
EVERYTHING = "participants: true\nseating: true\nspeaker_notes: true\n"


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci --prefix tests/web` (.ci/run does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled meeting's web edition and handout, built by the CLI."""
    project = Project(tmp_path_factory.mktemp("web") / "meeting")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    return project.output


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory) -> tuple[Path, object]:
    """A generated meeting (its guests in Excel) with everything web.yaml can publish turned on."""
    seed, list_format = 13, "xlsx"
    meeting = generate(tmp_path_factory.mktemp("webgen") / "meeting", seed, list_format=list_format)
    (meeting.content / "web.yaml").write_text(EVERYTHING, encoding="utf-8")
    args = ["--project", str(meeting.root), "build"]
    args += ["--guests", str(meeting.guest_list)] if meeting.guest_list else []
    result = run_cli(args)
    assert result.exit_code == 0, result.output
    return meeting.root / "output", meeting


def _open(browser, folder: Path, name: str, width: int = 1280, requests: list[str] | None = None):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())  # nothing may leave the folder
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / "web" / name).as_uri())
    return page


def _violations(page, axe: str) -> list[str]:
    page.add_script_tag(content=axe)
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]]


def _check_site(browser, axe: str, output: Path, widths: tuple[int, ...] = WIDTHS) -> None:
    """Every page: no axe violation at each width, no horizontal scrolling, every link and picture
    inside the folder, and the structure the issue asks for."""
    folder = output / "web"
    requests: list[str] = []
    for name in PAGES:
        for width in widths:
            page = _open(browser, output, name, width, requests)
            assert _violations(page, axe) == [], f"{name} at {width} px"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls across at {width}"
            page.close()
        page = _open(browser, output, name)
        assert page.evaluate("document.documentElement.lang") == "ja"
        assert page.locator("h1").count() == 1
        levels = [int(tag[1]) for tag in page.eval_on_selector_all("h1, h2, h3, h4, h5, h6",
                                                                    "els => els.map(e => e.tagName)")]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
        assert page.locator("script").count() == 0
        # data tables only: each with a caption, and header cells that say their scope
        tables = page.eval_on_selector_all("table", """tables => tables.map(t => [t.querySelectorAll('caption').length,
            [...t.querySelectorAll('th')].map(th => th.getAttribute('scope'))])""")
        for captions, scopes in tables:
            assert captions == 1 and scopes and set(scopes) <= {"col", "row"}
        for image in page.locator("img").all():
            assert (image.get_attribute("alt") or "").strip()
            image.scroll_into_view_if_needed()  # pictures load lazily
            assert image.evaluate("img => img.complete ? img.naturalWidth : new Promise(done => "
                                  "{ img.onload = () => done(img.naturalWidth); img.onerror = () => done(0); })") > 0
        targets = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        targets += page.eval_on_selector_all("img[src], link[href]", "els => els.map(e => e.getAttribute('src') "
                                             "|| e.getAttribute('href'))")
        for target in targets:
            if target.startswith("#"):
                assert page.locator(f"[id='{target[1:]}']").count() == 1, target
                continue
            assert not urlparse(target).scheme and not target.startswith("//"), target
            assert (folder / unquote(target)).resolve().is_relative_to(folder.resolve()), target
            assert (folder / unquote(target)).is_file(), target
        page.keyboard.press("Tab")  # the skip link comes first and shows when focused
        focused = page.evaluate("[document.activeElement.getAttribute('href'), "
                                "document.activeElement.getBoundingClientRect().top]")
        assert focused[0] == "#main" and focused[1] >= 0
        page.close()
    assert all(url.startswith("file:") for url in requests), [url for url in requests if not url.startswith("file:")]


def test_the_bundled_web_edition_is_accessible_and_self_contained(browser, axe, bundled_site):
    _check_site(browser, axe, bundled_site)


def test_a_generated_web_edition_with_everything_published_is_accessible(browser, axe, generated_site):
    output, meeting = generated_site
    _check_site(browser, axe, output, widths=(375,))  # a phone's width, where reflow is hardest
    index = _open(browser, output, "index.html")
    text = _flat(index.inner_text("main"))
    assert "配席図" in text and index.locator("img[src^='seating-']").count() >= 1
    named = [name for name in meeting.names if name]
    assert named and all(_flat(name) in text for name in named), "every participant in the published 名簿"
    index.close()
    deck = _open(browser, output, "slides.html")
    assert deck.locator("details.notes").count() >= 1
    deck.close()


def test_the_pages_give_the_handouts_figures_and_each_pdf_its_format_and_size(browser, bundled_site, bundled):
    handout = _flat("".join(page_texts(bundled_site / "handout.pdf")))
    page = _open(browser, bundled_site, "index.html")
    text = _flat(page.inner_text("main"))
    when = page.locator("time").first
    assert when.get_attribute("datetime") == f"{bundled.event.date.isoformat()}T{bundled.event.start}+09:00"
    assert _flat(when.inner_text()) in handout
    cities = page.locator("table", has=page.locator("caption", has_text="国内加盟都市")).locator("tbody tr")
    assert cities.count() == len(bundled.cities.cities)
    for city in bundled.cities.cities:
        assert city.city in text and f"{city.joined}年" in text
    assert f"国内加盟都市（{len(bundled.cities.cities)}都市）" in text and "国内加盟都市" in handout
    for guest in bundled.ordered_of("来賓"):
        assert _flat(guest.name) in text and _flat(guest.name) in handout
    links = page.locator("ul.downloads a").all()
    assert len(links) == 3
    for link in links:
        name = link.get_attribute("href")
        size = (bundled_site / "web" / name).stat().st_size
        assert link.inner_text().endswith(f"（PDF形式：{max(1, round(size / 1024))}KB）"), link.inner_text()
        same = (bundled_site / "web" / name).read_bytes() == (bundled_site / name).read_bytes()
        assert same == (name != "handout.pdf"), name  # the handout without its 名簿 and 配席図 (test below)
    page.close()


def test_participants_seating_and_notes_appear_only_when_web_yaml_says_so(browser, tmp_path):
    project = Project(tmp_path / "meeting")
    project.edit("guests.yaml", "  - organization: 神戸市\n", "  - organization: 神戸市\n    name: 山田 太郎\n")
    assert project.run("build").exit_code == 0
    pages = {name: _open(browser, project.output, name) for name in PAGES}
    shown = "".join(_flat(page.inner_text("body")) for page in pages.values())
    assert "北山浩士" in shown, "the 来賓, as the press release names them"
    headings = "".join(page.eval_on_selector_all("h2, h3", "els => els.map(e => e.textContent).join()")
                       for page in pages.values())
    assert "山田太郎" not in shown and "出席者名簿" not in headings and "配席図" not in headings
    assert "スピーカーノート" not in shown
    # nor in the handout the page links: a copy without those sections, and the link says so
    assert "会議資料（出席者名簿・配席図を除く）" in shown
    linked = _flat("".join(page_texts(project.output / "web" / "handout.pdf")))
    assert "山田太郎" not in linked and "出席者名簿" not in linked
    assert "山田太郎" in _flat("".join(page_texts(project.output / "handout.pdf")))
    for page in pages.values():
        page.close()
    project.write("web.yaml", "participants: true\n")
    assert project.run("web").exit_code == 0
    index = _open(browser, project.output, "index.html")
    assert "山田太郎" in _flat(index.inner_text("main")) and "会議資料（配席図を除く）" in index.inner_text("main")
    index.close()
    project.write("web.yaml", "participants: true\nseating: true\n")
    assert project.run("web").exit_code == 0
    assert (project.output / "web" / "handout.pdf").read_bytes() == (project.output / "handout.pdf").read_bytes()
    assert list((project.output / "web").glob("seating-*.png"))
    project.write("web.yaml", "participants: true\n")
    assert project.run("web").exit_code == 0  # what a build no longer makes is gone from the folder
    assert not list((project.output / "web").glob("seating-*.png"))


def test_markup_in_a_name_prints_literally(browser, tmp_path):
    project = Project(tmp_path / "meeting")
    project.edit("guests.yaml", "name: 北山 浩士", 'name: "<b>北山</b> 浩士"')
    assert project.run("web").exit_code == 0
    page = _open(browser, project.output, "index.html")
    assert "<b>北山</b> 浩士" in page.inner_text("main") and page.locator("main b").count() == 0
    page.close()


def test_the_print_stylesheet_leaves_out_the_navigation(browser, bundled_site):
    page = _open(browser, bundled_site, "index.html")
    assert page.locator("header.site nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").is_visible() and page.locator("main h1").is_visible()
    page.close()
