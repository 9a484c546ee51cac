"""Deck layer: the python-pptx workarounds that keep adding slides O(1) give what python-pptx gives.

deck/linear.py (slide ids, image parts), deck/package.py (relationships by type and part),
deck/placeholder_box.py (boxes kept per layout), deck/fonts.py (wrapped lines kept).
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckbuilder.deck.fonts import RunFont, StyledText, wrap_runs
from deckbuilder.deck.linear import SlideAdder, use_indexed_image_parts
from deckbuilder.deck.package import use_indexed_relationships
from deckbuilder.deck.placeholder_box import effective_box
from deckbuilder.deck.text_style import Fonts
from deckbuilder.spec.themes import LAYOUTS_DIR

TEMPLATE = LAYOUTS_DIR / "default.pptx"


def _slide_ids(prs) -> list[tuple[int, str]]:
    return [(int(s.get("id")), s.rId) for s in prs.slides._sldIdLst]


def _png(color: str) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (8, 4), color).save(out, "PNG")
    return out.getvalue()


def test_slide_ids_and_rids_are_python_pptxs():
    plain, fast = Presentation(str(TEMPLATE)), Presentation(str(TEMPLATE))
    for prs in (plain, fast):  # slides already there, one with a high id: new ids continue above it
        prs.slides.add_slide(prs.slide_layouts[0])
        prs.slides.add_slide(prs.slide_layouts[1])
        prs.slides._sldIdLst[0].set("id", "900")
    adder = SlideAdder(fast)
    for i in range(5):
        plain.slides.add_slide(plain.slide_layouts[i % 3])
        adder.add(fast.slide_layouts[i % 3])
    assert _slide_ids(fast) == _slide_ids(plain)
    assert [i for i, _ in _slide_ids(fast)][2:] == [901, 902, 903, 904, 905]


def test_relating_to_a_part_again_gives_its_existing_rid():
    prs = Presentation(str(TEMPLATE))
    use_indexed_relationships(prs.part)
    slide_part = prs.slides.add_slide(prs.slide_layouts[0]).part
    rid = prs.part.relate_to(slide_part, RT.SLIDE)
    assert prs.part.rels[rid].target_part is slide_part
    assert prs.part.relate_to(slide_part, RT.SLIDE) == rid
    other = prs.slides.add_slide(prs.slide_layouts[0]).part
    assert prs.part.relate_to(other, RT.SLIDE) != rid


def test_relationship_index_follows_a_removed_relationship():
    prs = Presentation(str(TEMPLATE))
    use_indexed_relationships(prs.part)
    slide_part = prs.slides.add_slide(prs.slide_layouts[0]).part
    rid = prs.part.relate_to(slide_part, RT.SLIDE)
    prs.part.rels.pop(rid)
    again = prs.part.relate_to(slide_part, RT.SLIDE)  # not the removed rId from the index
    assert again in prs.part.rels and prs.part.rels[again].target_part is slide_part


def test_the_same_image_on_every_slide_is_one_part(tmp_path):
    logo, other = tmp_path / "logo.png", tmp_path / "other.png"
    logo.write_bytes(_png("red"))
    other.write_bytes(_png("blue"))
    prs = Presentation(str(TEMPLATE))
    use_indexed_image_parts(prs)
    slides = [prs.slides.add_slide(prs.slide_layouts[0]) for _ in range(3)]
    pictures = [s.shapes.add_picture(str(logo), 0, 0) for s in slides]
    pictures.append(slides[0].shapes.add_picture(io.BytesIO(_png("red")), 0, 0))  # same bytes, from a stream
    pictures.append(slides[1].shapes.add_picture(str(other), 0, 0))
    parts = [p.part.related_part(p._element.blip_rId) for p in pictures]
    assert all(part is parts[0] for part in parts[:4])
    assert parts[4] is not parts[0] and parts[4].sha1 != parts[0].sha1
    image_parts = {p.partname for p in prs.part.package.iter_parts() if p.partname.startswith("/ppt/media/")}
    assert len(image_parts) == 2


def test_placeholder_boxes_follow_the_slides_own_layout():
    # the same placeholder idx sits elsewhere on different layouts (and templates): boxes are kept per layout part
    for template in (TEMPLATE, LAYOUTS_DIR / "corporate.pptx"):
        prs = Presentation(str(template))
        for layout in prs.slide_layouts:
            slide = prs.slides.add_slide(layout)
            for shape in slide.placeholders:
                assert effective_box(shape) == (shape.left, shape.top, shape.width, shape.height)


def test_wrapped_lines_handed_out_are_the_callers_to_change():
    style = RunFont(Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), 12)
    runs = [StyledText("销售额逐月上升，旺季集中在下半年。" * 3, style)]
    first = wrap_runs(runs, 100)
    first.clear()
    assert wrap_runs(runs, 100) and wrap_runs(runs, 100) == wrap_runs(list(runs), 100.0)


def _deck_with_logo(tmp_path, slides: int) -> str:
    (tmp_path / "logo.png").write_bytes(_png("red"))
    chart = "{type: column_clustered, data: {categories: [一季度, 二季度], series: {销售额: [1, 2]}}}"
    body = "".join(f"  - {{kind: chart, title: 图 {i}, chart: {chart}, notes: 备注 {i}}}\n" for i in range(slides))
    path = tmp_path / f"deck{slides}.yaml"
    path.write_text("deck: {title: t, theme: {name: x, logo: logo.png}}\nslides:\n" + body, encoding="utf-8")
    return str(path)


def test_a_build_never_reads_the_whole_deck_per_new_slide(tmp_path, monkeypatch):
    from pptx.opc.package import OpcPackage
    from pptx.oxml.presentation import CT_SlideIdList
    from pptx.package import _ImageParts

    from deckbuilder import build_deck

    calls: dict[str, int] = {}

    def counted(name, original):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(CT_SlideIdList, "_next_id", property(counted("next_id", CT_SlideIdList._next_id.fget)))
    monkeypatch.setattr(_ImageParts, "_find_by_sha1", counted("find_by_sha1", _ImageParts._find_by_sha1))
    monkeypatch.setattr(OpcPackage, "iter_parts", counted("iter_parts", OpcPackage.iter_parts))
    walks = []
    for slides in (3, 12):
        calls.clear()
        build_deck(_deck_with_logo(tmp_path, slides), write=False, lint=False)
        assert "next_id" not in calls and "find_by_sha1" not in calls
        walks.append(calls.get("iter_parts", 0))
    assert walks[0] == walks[1]  # whole-package walks do not grow with the number of slides


def test_long_paragraphs_are_wrapped_but_not_kept():
    from deckbuilder.deck import fonts

    style = RunFont(Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), 12)
    long_text = [StyledText("本季度销售额同比增长，主要来自新客与复购。" * 200, style)]
    kept = fonts._wrap.cache_info().currsize
    lines = wrap_runs(long_text, 300)
    assert len(lines) > 50 and fonts._wrap.cache_info().currsize == kept
    assert "".join(line.text for line in lines) == long_text[0].text


# -- deck/oxml/lookups.py: python-pptx's xpath() with each expression compiled once -------------

_EXPRESSIONS = ("./*[1]/p:nvPr/p:ph", "./*[1]", "//@id", ".//a:t/text()", "count(.//p:sp)", "./p:cSld/p:spTree/*")


def _plain_xpath(element, expression: str):
    from lxml import etree
    from pptx.oxml.ns import _nsmap

    return etree._Element.xpath(element, expression, namespaces=_nsmap)  # lxml, compiled per call


def _all_elements(prs):
    for part in (*prs.slide_layouts, prs.slide_master):
        yield from part.element.iter()


def test_compiled_xpath_gives_lxmls_results():
    from pptx.oxml.xmlchemy import BaseOxmlElement

    import deckbuilder.deck.oxml.lookups  # noqa: F401  (installs it)

    prs = Presentation(str(TEMPLATE))
    for element in _all_elements(prs):
        if not isinstance(element, BaseOxmlElement):  # python-pptx's classes; others are plain lxml
            continue
        for expression in _EXPRESSIONS:
            assert element.xpath(expression) == _plain_xpath(element, expression)


def test_compiled_xpath_table_is_bounded_and_stays_right():
    from deckbuilder.deck.oxml import lookups

    layout = Presentation(str(TEMPLATE)).slide_layouts[0].element
    for n in range(lookups.MAX_KEPT + 50):  # expressions formatted with values, as python-pptx does
        expression = f"count(.//p:sp) + {n}"
        assert layout.xpath(expression) == _plain_xpath(layout, expression)
        assert len(lookups._local.kept) <= lookups.MAX_KEPT


def test_compiled_xpath_in_threads_gives_lxmls_results():
    from concurrent.futures import ThreadPoolExecutor

    import deckbuilder.deck.oxml.lookups  # noqa: F401

    def ids(_: int) -> list:
        prs = Presentation(str(TEMPLATE))  # each thread its own document
        return [layout.element.xpath("//@id") for layout in prs.slide_layouts]

    expected = [_plain_xpath(layout.element, "//@id") for layout in Presentation(str(TEMPLATE)).slide_layouts]
    with ThreadPoolExecutor(4) as pool:
        assert all(result == expected for result in pool.map(ids, range(8)))


def test_kept_qn_gives_python_pptxs_clark_names_everywhere():
    import pptx.oxml.ns
    import pptx.oxml.xmlchemy

    from deckbuilder.deck.oxml import lookups  # noqa: F401  (installs it)

    plain = pptx.oxml.ns.qn.__wrapped__
    for tag in ("p:cSld", "a:rPr", "c:ser", "r:id", "p:cSld"):  # asked twice: the kept answer
        assert pptx.oxml.ns.qn(tag) == plain(tag) == pptx.oxml.ns.NamespacePrefixedTag(tag).clark_name
    assert pptx.oxml.xmlchemy.qn is pptx.oxml.ns.qn  # modules that imported it by name get it too
