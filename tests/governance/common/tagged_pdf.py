"""Reads a PDF back with pypdf and checks what assistive technology relies on: a structure
tree (marked as tagged), the document's language and its title shown as the window title."""

import io

import pypdf


def structure_types(reader):
    """The structure element types in the tree (/H1, /P, /Table…), in document order."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
            return
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return
        if "/S" in node:
            found.append(str(node["/S"]))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def assert_tagged(content, *, title):
    reader = pypdf.PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "sv"
    assert reader.metadata.title == title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    types = structure_types(reader)
    assert "/H1" in types
    return types
