"""Every limit on the size of user input, in one place.

A spec is data from whoever wrote it. A few bytes of YAML, an expression or a
text template must never cost unbounded time or memory, so each kind of input
has a ceiling far above any real deck; crossing one is a located
``SpecError`` (CLI exit code 2) naming the limit. docs/limits.md lists them.

This module sits beside ``errors.py`` at the bottom of the layers: it imports
nothing from deckbuilder.
"""

from __future__ import annotations

#: Largest spec (or theme, or ``extends:`` base) file, in bytes. The year-end
#: example is about 20 KB; 5 MB leaves room for specs with large inline data.
MAX_SPEC_BYTES = 5_000_000

#: Most values (mappings, lists and scalars) one YAML file may expand to once
#: its aliases (``*name``) are resolved. An alias repeats its anchor's whole
#: subtree, so nine aliases to nine aliases ... ("billion laughs") multiply;
#: the cap stops the expansion before memory does.
MAX_YAML_NODES = 200_000

#: Deepest nesting of mappings and lists in a YAML file.
MAX_YAML_DEPTH = 100

#: Most ticks (and gridlines) a chart's ``axis: {step}`` may give over its range: a tiny
#: step over a wide range would have a renderer draw millions of gridlines.
MAX_AXIS_TICKS = 50

#: Longest ``where:``, ``formula:`` or ``target:`` expression, in characters.
MAX_EXPRESSION_LENGTH = 10_000

#: Deepest nesting of an expression: parentheses, unary minus signs, and a
#: chain such as ``a + b + c`` (each operator is one level).
MAX_EXPRESSION_DEPTH = 100

#: ``last_months(d, N)`` / ``period: last_N_months``: ten years is beyond any report period.
MAX_PERIOD_MONTHS = 120

#: Longest text a template may produce or build along the way (a string or a
#: list made by ``*``, ``%``, ``~``, ``replace``, ``join``, ``center``, ...),
#: in characters or items.
MAX_TEXT_LENGTH = 100_000

#: Most characters the ``{{ ... }}`` of one text field may write in total, counting
#: a macro's output again where it is used (the finished text stays under
#: ``MAX_TEXT_LENGTH``; this bounds what loops and macros build on the way).
MAX_TEMPLATE_OUTPUT = 1_000_000

#: Most loop iterations in one text field, summed over all its ``{% for %}``
#: loops (nested loops multiply: 300 x 300 is 90,000).
MAX_LOOP_ITERATIONS = 100_000

#: Most digits of an integer computed in a template (``10 ** 100000`` has 100,001).
MAX_INTEGER_DIGITS = 100

#: Deepest chain of macro calls in a template (a macro calling itself).
MAX_TEMPLATE_CALL_DEPTH = 50

#: Longest time one text field may take to render, in seconds (a backstop
#: behind the limits above; a real text renders in milliseconds).
MAX_RENDER_SECONDS = 2.0

#: Longest deck title kept in the package's core properties (``docProps/core.xml``),
#: in characters; PowerPoint's own limit is 255. Longer titles are cut there
#: only (the title slide shows the whole title).
MAX_CORE_PROPERTY_LENGTH = 255

#: Largest image file a slide may place, in bytes: photos for a slide are far
#: smaller; a bigger file only bloats the deck (and takes memory to check).
MAX_IMAGE_BYTES = 20_000_000

#: Most pixels (width x height) of an image: its header is read before any
#: decoding, so a small file claiming a huge size ("decompression bomb") is refused.
MAX_IMAGE_PIXELS = 40_000_000

#: Most slides a long table may continue on after its own (so at most 151 slides, some 2,100 rows of one
#: line each, for one table: the 2,000-row table issue 14 asks to build in proportion to its size); beyond
#: that a table is a data dump, not slides, and ``max_rows`` shows fewer.
MAX_TABLE_CONTINUATIONS = 150

#: Most panels of one small-multiples chart (``facet:``): a 6 x 4 grid leaves each panel about 2 by 1.2
#: inches of a full slide's content area, the smallest that still reads; more groups want a heatmap or a
#: filter.
MAX_FACET_PANELS = 24

#: Deepest chain of ``include:`` (a slide library file including another, ...): a real library
#: nests a level or two; a deeper chain is almost surely a mistake, and a cycle is refused by name.
MAX_INCLUDE_DEPTH = 8

#: Most ``include:`` entries one spec may expand, counting those inside included files: each one
#: reads a file and copies its slides, so nested lists including each other several times multiply.
MAX_INCLUDES = 200

#: Longest time one SQL statement may run on a database server (PostgreSQL's
#: ``statement_timeout``), in seconds: a metric's aggregate should take well under
#: a second with suitable indexes; a runaway query stops with an error naming the metric.
SQL_QUERY_SECONDS = 60.0
