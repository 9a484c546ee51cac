"""The package's own XML, ``[Content_Types].xml`` and each part's ``.rels``, written in one pass.

python-pptx's ``_Relationships.xml`` parses a new ``<Relationship>`` from a string for each
relationship and sets its four attributes through validating setters, then inserts it; a
deck has a few hundred relationships across its parts and they are all written again for
every save. :func:`relationships_xml` makes the same elements, attributes in the same
order, in the same (numerical rId) order, and serializes them the same way.
:func:`content_types_xml` does the same for ``[Content_Types].xml`` (python-pptx adds each
``Default`` and ``Override`` through validating setters too).
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import CT_Relationships, CT_Types, nsmap, serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem

_RELATIONSHIP = f"{{{nsmap['pr']}}}Relationship"
_DEFAULT, _OVERRIDE = f"{{{nsmap['ct']}}}Default", f"{{{nsmap['ct']}}}Override"


def relationships_xml(rels) -> bytes:
    """``rels.xml`` (python-pptx 1.0.2) for a part's (or the package's) ``_Relationships``."""
    root = CT_Relationships.new()
    numbered = sorted((int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)
                      for rId in rels.keys())
    for _, rId in numbered:
        rel = rels[rId]
        attrib = {"Id": rel.rId, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:  # TargetMode is left out when internal, its default
            attrib["TargetMode"] = RTM.EXTERNAL
        etree.SubElement(root, _RELATIONSHIP, attrib)
    return root.xml_file_bytes


def content_types_xml(parts) -> bytes:
    """``[Content_Types].xml`` of a package of *parts*, as python-pptx 1.0.2's ``PackageWriter``
    writes it: Default elements sorted by extension, then Override elements sorted by part name."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides  # python-pptx's own split
    root = CT_Types.new()
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(root, _DEFAULT, {"Extension": ext, "ContentType": content_type})
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(root, _OVERRIDE, {"PartName": str(partname), "ContentType": content_type})
    return serialize_part_xml(root)
