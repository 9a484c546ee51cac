"""Deterministic, atomic saving of a presentation.

Identical input must give identical bytes, so diffs, caches and reviews work.
python-pptx stamps the zip entries with the current time, core properties with
"now", and each chart's embedded workbook (written by XlsxWriter) has its own
``docProps/core.xml`` with a creation time. We pin all of them.

The file is written to a temporary file in the target folder and moved into
place with :func:`os.replace`, so a failed build never leaves half a file and
never touches an existing output.
"""

from __future__ import annotations

import datetime as _dt
import glob
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deckbuilder.deck.xml_text import xml_text
from deckbuilder.errors import OutputError
from deckbuilder.limits import MAX_CORE_PROPERTY_LENGTH

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Longest output file name: 255 bytes (ext4, APFS, NTFS) less the temporary file's suffix.
MAX_OUTPUT_NAME_BYTES = 200
FIXED_DATETIME = _dt.datetime(2000, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def pin_core_properties(prs, *, title: str = "", author: str = "deckbuilder") -> None:
    """Fixed metadata: the deck's title, our name, and a constant date."""
    props = prs.core_properties
    # core properties are one line of at most 255 characters; the title slide keeps the whole title
    props.title = re.sub(r"\s*[\r\n]+\s*", " ", xml_text(title))[:MAX_CORE_PROPERTY_LENGTH]
    props.author = author
    props.last_modified_by = author
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.revision = 1


def normalize_package(blob: bytes) -> bytes:
    """Re-zip *blob* with fixed timestamps and attributes; also normalizes embedded .xlsx parts."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    return _normalized_zip((info.filename, source.read(info.filename)) for info in source.infolist())


def _normalized_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of *members* (name, bytes) in order, with fixed timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            if name.endswith(".xlsx"):
                data = normalize_package(data)
            elif name.endswith("core.xml"):
                data = _W3CDTF.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    return out.getvalue()


def check_output_path(path: Path) -> Path:
    """Fail early (before any work) if *path* cannot be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.suffix.lower() != ".pptx":
        raise OutputError(f"output must be a .pptx file: {path}", hint="use a name ending in .pptx")
    # the temporary file beside the target adds ".<pid>.<random>.tmp" to the name
    if len(path.name.encode("utf-8")) > MAX_OUTPUT_NAME_BYTES:
        raise OutputError(f"output file name is {len(path.name.encode('utf-8'))} bytes long; at most "
                          f"{MAX_OUTPUT_NAME_BYTES} fit the file system", hint="choose a shorter -o name or --pattern")
    try:
        if not folder.is_dir():
            raise OutputError(f"output folder does not exist: {folder}",
                              hint="create it first, or choose another -o path")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"output folder is not writable: {folder}", hint="choose another -o path")
        if path.is_dir():
            raise OutputError(f"output path is a folder: {path}", hint="give a file name ending in .pptx")
    except (OSError, ValueError) as exc:  # a folder name too long, a NUL byte
        raise OutputError(f"not a usable output path: {exc}", hint="choose another -o path") from None
    return path


def save_atomically(data: bytes, path: Path) -> None:
    """Write *data* to *path* via a temporary file, fsync and an atomic rename.

    The temporary file is named ``.<name>.<pid>.<random>.tmp`` beside the target. A
    build killed mid-write leaves one behind; the next save of the same target removes
    those whose process is gone, so they never pile up.
    """
    path = check_output_path(path)
    _remove_stale_temp_files(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror}", hint="choose another -o path") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files of earlier saves of *path* whose process no longer runs."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.[^.]+\.tmp$")
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        match = pattern.match(candidate.name)
        if match and not _process_alive(int(match.group(1))):
            candidate.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def presentation_bytes(prs) -> bytes:
    """The presentation as normalized (deterministic) .pptx bytes.

    The members are what ``prs.save`` writes, in its order (python-pptx's own writer steps),
    collected as bytes: zipping them with python-pptx and unzipping them again to normalize
    the zip compressed every part twice.
    """
    from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    from deckbuilder.deck.oxml.package_xml import content_types_xml, relationships_xml

    package = prs.part.package
    members = _Members()
    sink: Any = members  # stands in for python-pptx's _PhysPkgWriter (it only calls write())
    parts = tuple(package.iter_parts())  # what Package.save writes, in python-pptx's PackageWriter order,
    # with [Content_Types].xml and each .rels written in one pass (oxml/package_xml.py)
    sink.write(CONTENT_TYPES_URI, content_types_xml(parts))
    sink.write(PACKAGE_URI.rels_uri, relationships_xml(package._rels))
    for part in parts:
        sink.write(part.partname, part.blob)
        if part._rels:
            sink.write(part.partname.rels_uri, relationships_xml(part.rels))
    return _normalized_zip(members.items)


class _Members:
    """A stand-in for python-pptx's zip writer that keeps each member's name and bytes."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


class PartNames:
    """python-pptx's ``next_partname`` without walking every part of the package per call.

    python-pptx collects all part names (a walk over the whole relationship graph) each
    time a chart, workbook or notes slide is added, which makes a deck of n slides cost
    O(n²). This gives the same names from a set per name prefix, filled by one walk on
    first use and then kept up to date with the names it hands out. It assumes parts
    are only added from then on (install it after dropping a template's sample slides).
    """

    def __init__(self, package) -> None:
        self._package = package
        self._taken: dict[str, set[str]] = {}

    def __call__(self, tmpl: str):
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        taken = self._taken.get(prefix)
        if taken is None:
            taken = self._taken[prefix] = {p.partname for p in self._package.iter_parts()
                                           if p.partname.startswith(prefix)}
        for n in range(len(taken) + 1, 0, -1):  # the same search, top down, as python-pptx's
            candidate = tmpl % n
            if candidate not in taken:
                for other_prefix, names in self._taken.items():
                    if candidate.startswith(other_prefix):
                        names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")  # unreachable: n = len + 1 is always free or below


def use_fast_part_names(prs) -> None:
    """Make *prs*'s package allocate part names through :class:`PartNames`."""
    package = prs.part.package
    package.next_partname = PartNames(package)


def use_indexed_relationships(part) -> None:
    """Keep *part*'s relationships grouped by type instead of regrouping them on every lookup.

    python-pptx groups all relationships of a part by type each time one is added or
    looked up by type; on the presentation part, which relates to every slide, that makes
    adding n slides O(n²). The grouping is kept and extended as relationships are added
    (in the same order, so lookups and new rIds are unchanged) and dropped when one is removed;
    ``relate_to`` finds an existing relationship to a part through an index by (type, part)
    instead of comparing every relationship of the type.
    """
    from pptx.opc.package import _Relationships

    class IndexedRelationships(_Relationships):
        @property
        def _rels_by_reltype(self):
            index = self.__dict__.get("_by_reltype")
            if index is None:
                index = self.__dict__["_by_reltype"] = super()._rels_by_reltype
            return index

        def _get_matching(self, reltype, target, is_external=False):
            """The first rId of *reltype* to *target*, from an index instead of a scan (relate_to)."""
            if is_external:
                return super()._get_matching(reltype, target, is_external)
            index = self.__dict__.get("_by_target")
            if index is None:
                index = self.__dict__["_by_target"] = {}
                for rel in self._rels.values():
                    if not rel.is_external:
                        index.setdefault((rel.reltype, rel.target_part), rel.rId)
            return index.get((reltype, target))

        def _add_relationship(self, reltype, target, is_external=False):
            rId = super()._add_relationship(reltype, target, is_external)
            index = self.__dict__.get("_by_reltype")
            if index is not None:
                index[reltype].append(self._rels[rId])
            by_target = self.__dict__.get("_by_target")
            if by_target is not None and not is_external:
                by_target.setdefault((reltype, target), rId)
            return rId

        def pop(self, rId):
            self.__dict__.pop("_by_reltype", None)
            self.__dict__.pop("_by_target", None)
            return super().pop(rId)

        def load_from_xml(self, *args, **kwargs):
            self.__dict__.pop("_by_reltype", None)
            self.__dict__.pop("_by_target", None)
            return super().load_from_xml(*args, **kwargs)

    part.rels.__class__ = IndexedRelationships


VBA_PROJECT_RELTYPE = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def drop_macros(prs) -> None:
    """Make a presentation opened from a macro-enabled template (.pptm) a plain .pptx.

    python-pptx keeps the main part's macro-enabled content type and the VBA project,
    so the saved ``.pptx`` would declare content its extension says it cannot hold
    (PowerPoint refuses to open it). Generated decks carry no macros.
    """
    from pptx.opc.constants import CONTENT_TYPE as CT

    part = prs.part
    if part.content_type == CT.PML_PRES_MACRO_MAIN:
        # no public setter: python-pptx caches content_type (a lazyproperty) from _content_type
        part._content_type = CT.PML_PRESENTATION_MAIN
        part.__dict__.pop("content_type", None)
    for r_id, rel in list(part.rels.items()):
        if rel.reltype == VBA_PROJECT_RELTYPE:
            part.rels.pop(r_id)
