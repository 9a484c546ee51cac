"""SVG pictures: stored as PowerPoint stores them (a PNG fallback blip carrying the SVG), and hostile SVGs refused."""

from __future__ import annotations

import io
import re
import textwrap
import zipfile

import pytest
from openxml_audit import validate_pptx
from PIL import Image
from pptx import Presentation

from deckbuilder import build_deck, cli
from deckbuilder.deck.oxml.picture import svg_blip_id
from deckbuilder.deck.svg import RASTER_DPI, fallback_width
from deckbuilder.errors import DataError

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
       '<title>两个色块</title><rect width="100" height="100" fill="#2E75B6"/>'
       '<rect x="100" width="100" height="100" fill="#ED7D31"/></svg>')


def build(tmp_path, svg: str = SVG, image: str = "{path: plan.svg}", name: str = "plan.svg"):
    (tmp_path / name).write_text(svg, encoding="utf-8")
    spec = tmp_path / "deck.yaml"
    spec.write_text(f"deck: {{title: t}}\nslides:\n  - kind: image\n    title: 平面\n    image: {image}\n",
                    encoding="utf-8")
    out = tmp_path / "out.pptx"
    build_deck(spec, output=out)
    return out


def picture(deck):
    (shape,) = [s for s in Presentation(str(deck)).slides[0].shapes if s.shape_type == 13]
    return shape


def refused(tmp_path, svg: str | bytes) -> DataError:
    (tmp_path / "bad.svg").write_bytes(svg.encode() if isinstance(svg, str) else svg)
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t}\nslides:\n  - kind: image\n    title: t\n    image: {path: bad.svg}\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    issue = info.value.issues[0]
    assert (issue.path, issue.line) == ("slides[0].image.path", 5)
    return info.value


# ------------------------------------------------------------------ the package
def test_svg_picture_is_a_png_blip_with_the_svg_in_the_svgblip_extension(tmp_path):
    deck = build(tmp_path)
    shape = picture(deck)
    assert shape.image.content_type == "image/png"
    svg_part = shape.part.related_part(svg_blip_id(shape))
    assert svg_part.content_type == "image/svg+xml" and svg_part.blob == SVG.encode()
    assert str(svg_part.partname).endswith(".svg")


def test_package_declares_the_svg_content_type(tmp_path):
    with zipfile.ZipFile(build(tmp_path)) as package:
        types = package.read("[Content_Types].xml").decode()
        svgs = [n for n in package.namelist() if n.endswith(".svg")]
    assert len(svgs) == 1
    assert re.search(rf'PartName="/{svgs[0]}" ContentType="image/svg\+xml"', types)


def test_svg_picture_keeps_the_viewbox_aspect_ratio(tmp_path):
    shape = picture(build(tmp_path))
    assert shape.width / shape.height == pytest.approx(2.0, rel=0.01)


def test_png_fallback_is_drawn_sharp_for_the_shown_size(tmp_path):
    shape = picture(build(tmp_path))
    png = Image.open(io.BytesIO(shape.image.blob))
    assert png.size[0] == fallback_width((shape.width, shape.height))
    assert png.size[0] == pytest.approx(shape.width / 914400 * RASTER_DPI, abs=1)
    assert png.size[0] / png.size[1] == pytest.approx(2.0, rel=0.01)


def test_png_fallback_shows_the_drawing(tmp_path):
    png = Image.open(io.BytesIO(picture(build(tmp_path)).image.blob)).convert("RGB")
    width, height = png.size
    assert png.getpixel((width // 4, height // 2)) == (0x2E, 0x75, 0xB6)
    assert png.getpixel((3 * width // 4, height // 2)) == (0xED, 0x7D, 0x31)


def test_cover_svg_is_drawn_for_its_whole_size_and_cropped(tmp_path):
    tall = SVG.replace('viewBox="0 0 200 100"', 'viewBox="0 0 150 100"')
    shape = picture(build(tmp_path, tall, image="{path: plan.svg, fit: cover}"))
    png = Image.open(io.BytesIO(shape.image.blob))
    shown = shape.height / (1 - shape.crop_top - shape.crop_bottom)  # the whole picture, before the crop
    assert shape.crop_top > 0.05 and png.size[1] == pytest.approx(shown / 914400 * RASTER_DPI, abs=2)


def test_fallback_never_passes_the_pixel_limit():
    huge = (914400 * 400, 914400 * 300)  # a picture shown 400 x 300 inches
    width = fallback_width(huge)
    assert width <= 4096 and width * width * 3 / 4 <= 40_000_000


def test_svg_title_is_the_default_alt_text(tmp_path):
    assert picture(build(tmp_path)).element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["两个色块"]


def test_svg_deck_is_deterministic_and_passes_openxml_audit(tmp_path):
    first = build(tmp_path).read_bytes()
    assert build(tmp_path).read_bytes() == first
    assert [str(e) for e in getattr(validate_pptx(str(tmp_path / "out.pptx")), "errors", [])] == []


def test_svg_without_a_declaration_or_with_absolute_units_is_placed(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4cm" height="1cm"><circle r="5"/></svg>'
    shape = picture(build(tmp_path, svg))
    assert shape.width / shape.height == pytest.approx(4.0, rel=0.01)


# ------------------------------------------------------------------ hostile SVGs
def test_external_file_reference_is_refused_and_never_read(tmp_path):
    error = refused(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                              'viewBox="0 0 10 10"><image xlink:href="/etc/passwd" width="10" height="10"/></svg>')
    assert "refers to another file or URL" in str(error) and "/etc/passwd" in str(error)


@pytest.mark.parametrize("reference", [
    '<image href="https://example.com/x.png" width="1" height="1"/>',
    '<use href="other.svg#icon"/>',
    '<rect width="1" height="1" style="fill: url(https://example.com/p.svg#g)"/>',
    '<rect width="1" height="1" fill="url(\'file:///etc/hosts#x\')"/>',
    '<style>@import "https://example.com/a.css";</style>',
    '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
])
def test_every_outside_reference_is_refused(tmp_path, reference):
    refused(tmp_path, f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{reference}</svg>')


def test_references_inside_the_svg_are_allowed(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
           '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>'
           '<rect id="r" width="5" height="5"/></defs><use xlink:href="#r" fill="url(#g)"/></svg>')
    assert svg_blip_id(picture(build(tmp_path, svg)))


def test_entity_expansion_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&c;</text></svg>')
    assert "DOCTYPE" in str(refused(tmp_path, bomb))


def test_external_entity_is_refused(tmp_path):
    xxe = ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>&x;</text></svg>')
    assert "DOCTYPE" in str(refused(tmp_path, xxe))


def test_stylesheet_processing_instruction_is_refused(tmp_path):
    svg = ('<?xml-stylesheet href="https://example.com/s.css"?>'
           '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
    assert "processing instruction" in str(refused(tmp_path, svg))


def test_huge_declared_size_is_refused(tmp_path):
    error = refused(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>')
    assert "more than the limit of 40,000,000 pixels" in str(error)


def test_malformed_xml_is_refused_with_its_line(tmp_path):
    error = refused(tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<rect>\n</svg>')
    assert "not well-formed XML (line 3" in str(error)


@pytest.mark.parametrize("svg, message", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "no usable size"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"/>', "bad viewBox"),
    ('<html><body/></html>', "not an SVG"),
    ('<svg viewBox="0 0 10 10"/>', "not an SVG"),
])
def test_svg_without_a_usable_size_or_namespace_is_refused(tmp_path, svg, message):
    assert message in str(refused(tmp_path, svg))


def test_svg_that_is_not_utf8_is_refused(tmp_path):
    svg = '<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
    assert "not UTF-8" in str(refused(tmp_path, svg.encode("utf-16")))


def test_compressed_svg_is_refused_with_a_hint(tmp_path):
    (tmp_path / "a.svgz").write_bytes(b"\x1f\x8b")
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: t}\nslides:\n  - kind: image\n    title: t\n    image: {path: a.svgz}\n")
    with pytest.raises(DataError, match="compressed SVG") as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert "gunzip" in info.value.issues[0].hint


def test_cli_exits_2_on_a_hostile_svg_without_a_traceback(tmp_path, capsys):
    (tmp_path / "bad.svg").write_text('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    spec = tmp_path / "deck.yaml"
    spec.write_text(textwrap.dedent("""\
        deck: {title: t}
        slides:
          - kind: image
            title: t
            image: {path: bad.svg}
        """))
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:5:" in err and "DOCTYPE" in err and "Traceback" not in err


# ------------------------------------------------------------------ the theme logo
LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
            '<rect width="300" height="100" fill="#C62828"/></svg>')


def logo_deck(tmp_path, svg: str = LOGO_SVG):
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    spec = tmp_path / "deck.yaml"
    spec.write_text(textwrap.dedent("""\
        deck:
          title: t
          theme: {name: t, logo: logo.svg, logo_corner: top-right, logo_height: 0.5}
        slides:
          - kind: kpi
            title: 核心指标
            cards: [{label: 销售额, value: "7,929.6万"}, {label: 订单, value: "12万"}]
        """), encoding="utf-8")
    out = tmp_path / "out.pptx"
    build_deck(spec, output=out)
    return out


def test_svg_logo_is_placed_as_an_svg_picture_with_its_aspect_ratio(tmp_path):
    (logo,) = [s for s in Presentation(str(logo_deck(tmp_path))).slides[0].shapes if s.name == "Logo"]
    assert svg_blip_id(logo) and logo.image.content_type == "image/png"
    assert logo.width / logo.height == pytest.approx(3.0, rel=0.01)
    assert logo.element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
    assert Image.open(io.BytesIO(logo.image.blob)).size[0] == fallback_width((logo.width, logo.height))


def test_hostile_svg_logo_is_refused_at_the_theme_logo(tmp_path):
    with pytest.raises(Exception, match="refers to another file or URL") as info:
        logo_deck(tmp_path, LOGO_SVG.replace("<rect", '<image href="https://example.com/a.png"/><rect'))
    assert info.value.issues[0].path == "deck.theme.logo"
