"""A part's relationships (``.rels``) as XML, written in one pass.

python-pptx's ``_Relationships.xml`` parses a new ``<Relationship>`` from a string for each
relationship and sets its four attributes through validating setters, then inserts it; a
deck has a few hundred relationships across its parts and they are all written again for
every save. :func:`relationships_xml` makes the same elements, attributes in the same
order, in the same (numerical rId) order, and serializes them the same way.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.oxml import CT_Relationships, nsmap

_RELATIONSHIP = f"{{{nsmap['pr']}}}Relationship"


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
