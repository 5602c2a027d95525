"""`ucc-print package`: the print shop's zip read back — files, preflight, order sheet, proofs, checksums."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from ucc_print.outputs.printed import ShopFile
from ucc_print.shop.preflight import preflight_bytes

from .conftest import Project
from .pdfread import page_texts

ZIP = "print-shop-2026-06-17.zip"
TOP = "print-shop-2026-06-17/"


@pytest.fixture(scope="session")
def package(tmp_path_factory) -> Path:
    build = Project(tmp_path_factory.mktemp("package") / "meeting")
    result = build.run("package")
    assert result.exit_code == 0, result.output
    assert f"wrote output/{ZIP}" in result.output
    return build.output / ZIP


@pytest.fixture(scope="session")
def unpacked(package, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder / TOP.rstrip("/")


def test_the_zip_holds_print_files_order_sheet_proofs_and_checksums(package):
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert all(name.startswith(TOP) for name in names)
    inside = [name.removeprefix(TOP) for name in names]
    assert [name for name in inside if name.startswith("print/")] == [
        "print/handout.pdf", "print/slides-3up.pdf", "print/tent-cards.pdf", "print/badges.pdf", "print/signs.pdf"]
    assert "order-sheet.pdf" in inside and inside[-1] == "SHA256SUMS"
    assert any(name.startswith("proofs/") for name in inside)


def test_every_print_file_passes_preflight(unpacked):
    files = sorted((unpacked / "print").iterdir())
    assert len(files) >= 3
    for path in files:
        report = preflight_bytes(path.read_bytes(), path.name)
        assert report.passed, report.text()


def test_checksums_verify(unpacked):
    lines = (unpacked / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, path = line.split("  ", 1)
        listed[path] = digest
    on_disk = {str(p.relative_to(unpacked)) for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk
    for path, digest in listed.items():
        assert hashlib.sha256((unpacked / path).read_bytes()).hexdigest() == digest
    if shutil.which("sha256sum"):
        result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_there_is_a_proof_of_every_page_at_full_media_size(unpacked):
    for pdf_path in (unpacked / "print").iterdir():
        with pikepdf.open(pdf_path) as pdf:
            media = [tuple(float(v) for v in page.obj.MediaBox) for page in pdf.pages]
        proofs = sorted((unpacked / "proofs").glob(f"{pdf_path.stem}-*.png"))
        assert len(proofs) == len(media)
        for proof, box in zip(proofs, media, strict=True):
            with Image.open(proof) as image:
                size, dpi = image.size, image.info["dpi"]
            assert size == pytest.approx((box[2] / 72 * 100, box[3] / 72 * 100), abs=1)
            assert dpi == pytest.approx((100, 100), abs=0.01)


def test_order_sheet_says_what_to_make_of_each_file(unpacked):
    text = "\n".join(page_texts(unpacked / "order-sheet.pdf"))
    for expected in ("入稿仕様書", "handout.pdf", "slides-3up.pdf", "tent-cards.pdf", "badges.pdf",
                     "A4（210 × 297 mm）", "名刺判（91 × 55 mm）", "50部", "各1枚（計16枚）", "上質紙 70kg",
                     "マットコート紙 220kg", "両面 4色／4色（CMYK）", "片面 4色／0色（CMYK）", "ホチキス留め",
                     "中央で山折り", "令和8年6月10日(水)", "PDF/X-1a:2001", "JC200103", "天地左右 3 mm",
                     "旭川市経済部産業振興課", "展開 A4（210 × 297 mm）", "二つ折り 210 × 148.5 mm", "色校正なし",
                     "黒の文字は K100", "ucc-print 0.1.0"):
        assert expected in text, expected


def test_zip_entries_are_dated_the_event_day_and_platform_neutral(package):
    with zipfile.ZipFile(package) as archive:
        entries = archive.infolist()
    assert {entry.date_time for entry in entries} == {(2026, 6, 17, 0, 0, 0)}
    assert {entry.create_system for entry in entries} == {3}
    assert {entry.external_attr >> 16 for entry in entries} == {0o644}


def test_the_package_is_reproducible(package, tmp_path):
    again = Project(tmp_path / "meeting")
    assert again.run("package").exit_code == 0
    assert (again.output / ZIP).read_bytes() == package.read_bytes()


def test_no_zip_when_a_file_fails_preflight(project, monkeypatch):
    from ucc_print.shop import package as packaging

    real = packaging.shop_files

    def with_rgb(project_, root):
        files = real(project_, root)
        first = files[0]
        with pikepdf.open(io.BytesIO(first.data)) as pdf:
            pdf.pages[0].contents_add(pdf.make_stream(b"1 0 0 rg 0 0 10 10 re f"))
            out = io.BytesIO()
            pdf.save(out)
        return [ShopFile(first.item, first.name, first.product, out.getvalue()), *files[1:]]

    monkeypatch.setattr(packaging, "shop_files", with_rgb)
    result = project.run("package")
    assert result.exit_code == 1
    assert "print/handout.pdf: FAIL" in result.output and "RGB fill" in result.output
    assert "no package was written" in result.output
    assert not (project.output / ZIP).exists()


def test_print_yaml_mistakes_are_reported_with_file_and_line(project):
    project.edit("print.yaml", "    sides: 片面\n    finishing: 91", "    sides: 三面\n    finishing: 91")
    project.edit("print.yaml", "  - output: tent-cards", "  - output: handout")
    rest = ("\n    paper: 上質紙 70kg\n    sides: 両面\n"
            "    finishing: A4 仕上がり断裁、ページ順に丁合、左上1か所ホチキス留め\n")
    project.edit("print.yaml", f"    copies: 50{rest}\n  - output: slides", f"    copies: 0{rest}\n  - output: slides")
    result = project.run("package")
    assert result.exit_code == 2
    out = result.output
    assert f"content/print.yaml, line {project.line_of('print.yaml', 'sides: 三面')}" in out
    assert "'片面' or '両面'" in out
    assert f"content/print.yaml, line {project.line_of('print.yaml', 'copies: 0')}" in out
    assert "expected a number greater than or equal to 1; found 0\n" in out
    assert not project.output.exists() or not list(project.output.iterdir())
    assert "Traceback" not in out
    # once the file is valid, a product ordered twice is reported too
    project.edit("print.yaml", "sides: 三面", "sides: 片面")
    project.edit("print.yaml", "copies: 0", "copies: 50")
    result = project.run("check")
    assert result.exit_code == 2
    lines = project.read("print.yaml").splitlines()
    line = [number for number, text in enumerate(lines, 1) if text == "  - output: handout"][1]
    assert (f"content/print.yaml, line {line}: items[3].output: expected each product once; "
            "found handout again (first in item 1)") in result.output


def test_package_takes_a_spreadsheet_guest_list(project):
    (project.root / "guests.csv").write_text("氏名,所属,区分\n山田 太郎,神戸市,参加者\n佐藤 花子,金沢市,参加者\n",
                                             encoding="utf-8")
    result = project.run("package", "--guests", str(project.root / "guests.csv"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project.output / ZIP) as archive:
        badges = archive.read(TOP + "print/badges.pdf")
    with pikepdf.open(io.BytesIO(badges)) as pdf:
        assert len(pdf.pages) == 2


def test_full_page_slides_can_be_ordered_and_carry_their_bleed(project):
    project.edit("print.yaml", "  - output: badges", "  - output: slides\n    copies: 2\n    paper: コート紙 135kg\n"
                 "    finishing: 仕上がり断裁\n\n  - output: badges")
    result = project.run("package")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project.output / ZIP) as archive:
        slides = archive.read(TOP + "print/slides.pdf")
        sheet = archive.read(TOP + "order-sheet.pdf")
    report = preflight_bytes(slides, "slides.pdf")
    assert report.passed and report.trim_mm == (338.7, 190.5)
    (project.root / "order.pdf").write_bytes(sheet)
    text = "\n".join(page_texts(project.root / "order.pdf"))
    assert "スライド" in text and "338.7 × 190.5 mm" in text and "2部" in text


def test_without_print_yaml_only_the_package_complains(project):
    project.path("print.yaml").unlink()
    assert project.run("check").exit_code == 0
    assert project.run("handout", "--shop").exit_code == 0
    result = project.run("package")
    assert result.exit_code == 2
    assert "content/print.yaml is missing" in result.output
    assert not (project.output / ZIP).exists()
