"""The XML layer under the deck: element helpers for what python-pptx's API does not reach.

As in python-pptx's own ``oxml`` package, every direct edit of DrawingML or
PresentationML lives here, behind small named functions, so renderers work with
readable objects and never poke at private attributes or namespace URIs.
"""
