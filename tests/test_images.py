"""Images: the ``image`` slide kind, grids of pictures from files or from a data column, and their errors."""

from __future__ import annotations

import textwrap
import zipfile

import pytest
from openxml_audit import validate_pptx
from PIL import Image
from pptx import Presentation

from deckbuilder import build_deck, cli
from deckbuilder.build.inputs import input_files
from deckbuilder.deck.geometry import Box
from deckbuilder.deck.picture import picture_frame
from deckbuilder.errors import DataError, SpecError
from deckbuilder.spec.loader import load_spec


def write_image(folder, name: str, size=(400, 200), fmt: str = "PNG"):
    Image.new("RGB", size, (46, 117, 182)).save(folder / name, fmt)
    return folder / name


def write_spec(tmp_path, slides: str, extra: str = ""):
    path = tmp_path / "deck.yaml"
    path.write_text("deck: {title: t}\n" + textwrap.dedent(extra) + "slides:\n" + textwrap.dedent(slides),
                    encoding="utf-8")
    return path


def build(tmp_path, slides: str, extra: str = ""):
    out = tmp_path / "out.pptx"
    build_deck(write_spec(tmp_path, slides, extra), output=out)
    return out


def pictures(deck, index: int = 0):
    return [s for s in Presentation(str(deck)).slides[index].shapes if s.shape_type == 13]


def located(exc_info) -> tuple[str, int | None]:
    issue = exc_info.value.issues[0]
    return issue.path, issue.line


# ------------------------------------------------------------------ placing
def test_contain_keeps_the_aspect_ratio_and_centres_the_picture():
    frame, crop = picture_frame(Box(0, 0, 1000, 1000), (400, 200), "contain")
    assert (frame, crop) == (Box(0, 250, 1000, 500), (0.0, 0.0, 0.0, 0.0))


def test_cover_fills_the_box_and_crops_the_overflow_evenly():
    frame, crop = picture_frame(Box(0, 0, 1000, 1000), (400, 200), "cover")
    assert frame == Box(0, 0, 1000, 1000)
    assert crop == (0.25, 0.0, 0.25, 0.0)  # the middle half of the width: a square, like the box


def test_cover_of_a_tall_picture_crops_top_and_bottom():
    _, crop = picture_frame(Box(0, 0, 2000, 1000), (100, 100), "cover")
    assert crop == (0.0, 0.25, 0.0, 0.25)


def test_image_slide_places_a_png_without_distortion(tmp_path):
    write_image(tmp_path, "wide.png", (400, 200))
    deck = build(tmp_path, """\
        - kind: image
          title: 门店
          image: {path: wide.png}
        """)
    (picture,) = pictures(deck)
    assert picture.width / picture.height == pytest.approx(2.0, rel=0.01)


def test_cover_picture_is_cropped_not_stretched(tmp_path):
    write_image(tmp_path, "wide.png", (1600, 400))
    deck = build(tmp_path, """\
        - kind: image
          title: 门店
          image: {path: wide.png, fit: cover}
        """)
    (picture,) = pictures(deck)
    shown_ratio = 4.0 * (1 - picture.crop_left - picture.crop_right)
    assert picture.width / picture.height == pytest.approx(shown_ratio, rel=0.01)
    assert picture.crop_left == pytest.approx(picture.crop_right) and picture.crop_left > 0


def test_package_holds_png_and_jpeg_parts_with_their_content_types(tmp_path):
    write_image(tmp_path, "a.png")
    write_image(tmp_path, "b.jpg", fmt="JPEG")
    deck = build(tmp_path, """\
        - kind: image
          title: 两张
          images: [{path: a.png}, {path: b.jpg}]
        """)
    with zipfile.ZipFile(deck) as package:
        types = package.read("[Content_Types].xml").decode()
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
    assert 'Extension="png" ContentType="image/png"' in types
    assert 'ContentType="image/jpeg"' in types
    assert sorted(m.rsplit(".", 1)[1] for m in media) == ["jpg", "png"]


def test_alt_text_defaults_to_the_caption_and_may_be_given(tmp_path):
    write_image(tmp_path, "a.png")
    deck = build(tmp_path, """\
        - kind: image
          title: 两张
          images: [{path: a.png, caption: 保温杯}, {path: a.png, alt: 门店外观}]
        """)
    descr = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures(deck)]
    assert descr == ["保温杯", "门店外观"]


def test_captions_may_use_metrics(tmp_path):
    write_image(tmp_path, "a.png")
    deck = build(tmp_path, """\
        - kind: image
          title: t
          image: {path: a.png, caption: "第 {{ 1 + 1 }} 名"}
        """)
    texts = [s.text_frame.text.replace("\u2060", "").replace("\xa0", " ")  # glued, not broken across lines
             for s in Presentation(str(deck)).slides[0].shapes if s.has_text_frame]
    assert "第 2 名" in texts


DATA = """\
    data:
      products: {type: csv, path: products.csv}
    metrics:
      top: {source: products, agg: sum, column: sales, by: [product, photo], sort: desc}
    """


def products(tmp_path, rows=(("杯", "a.png", 3), ("包", "b.png", 2), ("灯", "a.png", 1))):
    write_image(tmp_path, "a.png")
    write_image(tmp_path, "b.png", (100, 300))
    lines = ["product,photo,sales"] + [",".join(map(str, row)) for row in rows]
    (tmp_path / "products.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_picture_per_row_of_a_table_metric_with_its_caption(tmp_path):
    products(tmp_path)
    deck = build(tmp_path, """\
        - kind: image
          title: 畅销商品
          images: {metric: top, column: photo, caption_column: product, limit: 2}
        """, DATA)
    shown = pictures(deck)
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in shown] == ["杯", "包"]
    assert shown[1].width / shown[1].height == pytest.approx(1 / 3, rel=0.01)
    texts = [s.text_frame.text for s in Presentation(str(deck)).slides[0].shapes if s.has_text_frame]
    assert {"杯", "包"} <= set(texts)


def test_deck_with_pictures_passes_openxml_audit(tmp_path):
    products(tmp_path)
    deck = build(tmp_path, """\
        - kind: image
          title: 畅销商品
          commentary: 三款商品
          images: {metric: top, column: photo, caption_column: product}
        """, DATA)
    assert [str(e) for e in getattr(validate_pptx(str(deck)), "errors", [])] == []


def test_identical_input_gives_identical_bytes(tmp_path):
    write_image(tmp_path, "a.png")
    slides = "- kind: image\n  title: t\n  image: {path: a.png}\n"
    first = build(tmp_path, slides).read_bytes()
    assert build(tmp_path, slides).read_bytes() == first


# ------------------------------------------------------------------ errors
def test_missing_image_is_located_with_a_did_you_mean(tmp_path):
    write_image(tmp_path, "store.png")
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: stor.png}\n")
    with pytest.raises(DataError, match="file not found") as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert located(info) == ("slides[0].image.path", 5)
    assert "store.png" in info.value.issues[0].hint


def test_unreadable_image_is_located(tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  images: [{path: broken.png}]\n")
    with pytest.raises(DataError, match="not a readable PNG or JPEG") as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert located(info)[0] == "slides[0].images[0].path"


def test_other_image_formats_are_refused(tmp_path):
    write_image(tmp_path, "a.gif", fmt="GIF")
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: a.gif}\n")
    with pytest.raises(DataError, match="GIF; PNG, JPEG or SVG are placed"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_image_over_the_byte_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("deckbuilder.build.images.MAX_IMAGE_BYTES", 100)
    write_image(tmp_path, "a.png", (300, 300))
    (tmp_path / "a.png").write_bytes((tmp_path / "a.png").read_bytes() + b"\0" * 200)
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: a.png}\n")
    with pytest.raises(DataError, match="more than the limit of 100"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_image_over_the_pixel_limit_is_refused_before_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr("deckbuilder.build.images.MAX_IMAGE_PIXELS", 10_000)
    write_image(tmp_path, "a.png", (200, 100))
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: a.png}\n")
    with pytest.raises(DataError, match="200 x 100 pixels, more than the limit"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_image_and_images_together_are_an_error(tmp_path):
    write_image(tmp_path, "a.png")
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: a.png}\n  images: [{path: a.png}]\n")
    with pytest.raises(SpecError, match="exactly one of 'image' or 'images'"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_unknown_fit_is_an_error(tmp_path):
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: a.png, fit: stretch}\n")
    with pytest.raises(SpecError) as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert located(info)[0] == "slides[0].image.fit"


def test_missing_path_column_is_located_with_a_did_you_mean(tmp_path):
    products(tmp_path)
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  images: {metric: top, column: photos}\n", DATA)
    with pytest.raises(SpecError, match="no column 'photos'") as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert located(info)[0] == "slides[0].images.column"
    assert "photo" in info.value.issues[0].hint


def test_missing_file_named_in_a_data_column_is_located_at_the_column(tmp_path):
    products(tmp_path, rows=(("杯", "nope.png", 3),))
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  images: {metric: top, column: photo}\n", DATA)
    with pytest.raises(DataError, match="nope.png") as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    assert located(info)[0] == "slides[0].images.column"


def test_image_files_count_as_build_inputs(tmp_path):
    write_image(tmp_path, "a.png")
    write_image(tmp_path, "b.png")
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  images: [{path: a.png}, {path: b.png}]\n")
    inputs = input_files(load_spec(spec))
    assert {str((tmp_path / n).resolve()) for n in ("a.png", "b.png")} <= inputs


def test_cli_exits_2_on_a_missing_image(tmp_path, capsys):
    spec = write_spec(tmp_path, "- kind: image\n  title: t\n  image: {path: gone.png}\n")
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:5:" in err and "Traceback" not in err

