"""A Jinja2 sandbox that bounds size and time, not only access.

Jinja's ``SandboxedEnvironment`` stops a template from reaching Python
internals, but ``{{ 'x' * 10**9 }}``, ``{{ 2 ** (10**10) }}`` or two nested
``range(100000)`` loops still cost gigabytes or hours. :class:`BoundedSandbox`
checks every place a template can make something big *before* making it:

* the operators ``*``, ``**``, ``%`` and ``+`` (``call_binop``) and ``~`` (the
  parse tree's ``Concat`` nodes are rerouted to :meth:`BoundedSandbox.join_text`);
* every filter and every call (``'a'|center(n)``, ``s.replace(...)``,
  ``'{:>99999999}'.format(1)``, ``lipsum(n)``, ``range(n)``, macros);
* every ``{% for %}`` loop (its iterable is wrapped by :meth:`BoundedSandbox.loop`);
* every ``{{ ... }}`` output (counted by :meth:`BoundedSandbox.written_text`, Jinja's ``finalize``)
  and every joined output (Jinja's ``concat``: the text, a macro body, a ``{% set %}`` block).

The limits live in :mod:`deckbuilder.limits`; a render runs inside
:func:`render_budget`, which holds the per-text loop count, call depth and
deadline. Crossing a limit raises a ``SpecError`` that ``render_text`` locates.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg, generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from deckbuilder.errors import SpecError
from deckbuilder.limits import (
    MAX_INTEGER_DIGITS,
    MAX_LOOP_ITERATIONS,
    MAX_RENDER_SECONDS,
    MAX_TEMPLATE_CALL_DEPTH,
    MAX_TEMPLATE_OUTPUT,
    MAX_TEXT_LENGTH,
)

_HINT = "a text field is for a sentence or a table of a deck; see docs/limits.md"


@dataclass
class _Budget:
    deadline: float
    iterations: int = 0
    depth: int = 0
    written: int = 0


_budget: ContextVar[_Budget | None] = ContextVar("deckbuilder_render_budget", default=None)


@contextlib.contextmanager
def render_budget() -> Iterator[None]:
    """Run one text's render under fresh limits (loop count, call depth, deadline)."""
    token = _budget.set(_Budget(time.monotonic() + MAX_RENDER_SECONDS))
    try:
        yield
    finally:
        _budget.reset(token)


@contextlib.contextmanager
def restarted_budget() -> Iterator[None]:
    """Count a text rendered a second time afresh (same deadline), e.g. after a failed fast attempt."""
    current = _budget.get()
    token = _budget.set(None if current is None else _Budget(current.deadline))
    try:
        yield
    finally:
        _budget.reset(token)


def _limit(message: str) -> SpecError:
    return SpecError(f"template exceeds a limit: {message}", hint=_HINT)


def _tick() -> _Budget | None:
    budget = _budget.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise _limit(f"rendering took more than {MAX_RENDER_SECONDS:g} seconds")
    return budget


def _check_size(value: Any, what: str = "the result") -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT_LENGTH:
        raise _limit(f"{what} would be {len(value):,} characters or items long "
                     f"(the limit is {MAX_TEXT_LENGTH:,})")
    return value


def _check_length(length: float, what: str) -> None:
    if length > MAX_TEXT_LENGTH:
        raise _limit(f"{what} would be {length:,.0f} characters or items long (the limit is {MAX_TEXT_LENGTH:,})")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _digits(value: int) -> float:
    return abs(value).bit_length() * math.log10(2)


# --------------------------------------------------------------------------- predicting sizes
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(fmt: str, args: Any) -> None:
    """``'%999999999d' % 1``: refuse widths and precisions above the text limit."""
    star_args = list(args) if isinstance(args, tuple) else [args]
    for width, precision in _PRINTF.findall(fmt):
        for number in (width, precision):
            if number == "*":
                given = star_args.pop(0) if star_args else 0
                number = str(given) if _is_int(given) else "0"
            if number and int(number) > MAX_TEXT_LENGTH:
                _check_length(int(number), "a '%' format width")


def _check_format_string(fmt: str, args: tuple = (), kwargs: dict | None = None) -> None:
    """``'{:>999999999}'.format(1)``: refuse widths above the text limit, also nested ones."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises its own error
    for _, _, spec, _ in fields:
        for number in re.findall(r"\d+", spec or ""):
            _check_length(int(number), "a format width")
    for value in (*args, *(kwargs or {}).values()):
        if _is_int(value) and value > MAX_TEXT_LENGTH and "{" in "".join(s or "" for _, _, s, _ in fields):
            _check_length(value, "a nested format width")


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = text.count(old) if old else len(text) + 1
        if _is_int(count) and count >= 0:
            hits = min(hits, count)
        _check_length(len(text) + hits * (len(new) - len(old)), "replace()")


def _check_join(separator: Any, items: list) -> None:
    sizes = sum(len(x) if isinstance(x, str) else 20 for x in items)
    _check_length(sizes + len(str(separator)) * max(len(items) - 1, 0), "join()")


_WIDTH_ARGUMENT = {"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate",
                   "batch", "slice"}


def _check_widths(name: str, args: Iterable[Any]) -> None:
    if name in _WIDTH_ARGUMENT:
        for value in args:
            if _is_int(value):
                _check_length(value, f"{name}({value})")


def _check_method(obj: Any, args: tuple, kwargs: dict) -> None:
    """Bound methods of ``str`` that can grow text: widths, replace, join, format."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    wrapped = getattr(obj, "__wrapped__", None)  # the sandbox wraps str.format / format_map
    if wrapped is not None and isinstance(getattr(wrapped, "__self__", None), str):
        _check_format_string(wrapped.__self__, args, kwargs)
        return
    if not isinstance(owner, str):
        return
    _check_widths(name, args)
    if name == "expandtabs" and args and _is_int(args[0]):
        _check_length(len(owner) + owner.count("\t") * args[0], "expandtabs()")
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, *args[:3])
    elif name == "join" and args:
        _check_join(owner, list(args[0]) if not isinstance(args[0], list) else args[0])


def _bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if _is_int(n) and _is_int(max):
        _check_length(n * max * 8, f"lipsum({n})")
    return generate_lorem_ipsum(n, html, min, max)


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_LOOP_ITERATIONS:
        raise _limit(f"range() of {len(numbers):,} numbers (the limit is {MAX_LOOP_ITERATIONS:,})")
    return numbers


# --------------------------------------------------------------------------- filters
def _guard_filter(name: str, func: Callable) -> Callable:
    """Wrap a filter: check its arguments before it runs and its result after."""
    skip = 1 if _PassArg.from_obj(func) is not None else 0  # context/environment comes first

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        value, rest = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
        _check_widths(name, [*rest, *kwargs.values()])
        if name == "indent" and isinstance(value, str):
            width = rest[0] if rest else kwargs.get("width", 4)
            per_line = width if _is_int(width) else len(str(width))
            _check_length(len(value) + per_line * (value.count("\n") + 1), "indent()")
        elif name == "wordwrap" and isinstance(value, str):
            wrap = rest[2] if len(rest) > 2 else kwargs.get("wrapstring") or "\n"
            _check_length(len(value) * max(len(str(wrap)), 1), "wordwrap()")
        elif name == "replace":
            _check_replace(value, *rest[:3])
        elif name == "join" and value is not None and not isinstance(value, str):
            value = list(value)
            args = (*args[:skip], value, *args[skip + 1:])
            _check_join(rest[0] if rest else kwargs.get("d", ""), value)
        elif name == "format" and isinstance(value, str):
            _check_printf(value, rest if len(rest) != 1 else rest[0])
        return _check_size(func(*args, **kwargs), f"the '{name}' filter's result")

    return guarded


# --------------------------------------------------------------------------- the environment
class _RouteLoopsAndJoins(NodeTransformer):
    """``{% for x in items %}`` -> ``for x in loop(items)``; ``a ~ b`` -> ``join_text([a, b])``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("loop"), [node.iter], [], None, None,
                               lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("join_text"), [nodes.List(node.nodes, lineno=node.lineno)],
                          [], None, None, lineno=node.lineno)


class BoundedSandbox(SandboxedEnvironment):
    """A ``SandboxedEnvironment`` whose templates stay within :mod:`deckbuilder.limits`."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        self.globals["lipsum"] = _bounded_lipsum
        self.finalize = self.written_text

    def guard_filters(self) -> None:
        """Wrap every filter registered so far (call after adding your own)."""
        for name, func in list(self.filters.items()):
            if not getattr(func, "_deckbuilder_guarded", False):
                guarded = _guard_filter(name, func)
                guarded._deckbuilder_guarded = True  # type: ignore[attr-defined]
                self.filters[name] = guarded

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        # A loop needs a block tag and a join the `~` operator: most texts have neither, and walking
        # the whole tree twice (transform, set_environment) costs more than their parse.
        if "~" in source or self.block_start_string in source or self.line_statement_prefix or self.extensions:
            tree = _RouteLoopsAndJoins().visit(tree)
            tree.set_environment(self)
        return tree

    # -- hooks the sandbox calls -------------------------------------------------------
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**" and _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            digits = right * math.log10(abs(left))
            if digits > MAX_INTEGER_DIGITS:
                raise _limit(f"{left} ** {right} has about {digits:,.0f} digits (the limit is {MAX_INTEGER_DIGITS})")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and _is_int(times):
                    _check_length(len(seq) * times, "a repetition (*)")
            if _is_int(left) and _is_int(right) and _digits(left) + _digits(right) > MAX_INTEGER_DIGITS + 1:
                raise _limit(f"a product of more than {MAX_INTEGER_DIGITS} digits")
        elif operator == "%" and isinstance(left, str):
            _check_printf(left, right)
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _check_length(len(left) + len(right), "a sum (+)")
        result = super().call_binop(context, operator, left, right)
        if _is_int(result) and _digits(result) > MAX_INTEGER_DIGITS + 1:
            raise _limit(f"a number of more than {MAX_INTEGER_DIGITS} digits")
        return _check_size(result)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = _tick()
        _check_method(obj, args, kwargs)
        if budget is None:
            return _check_size(super().call(context, obj, *args, **kwargs))
        budget.depth += 1
        try:
            if budget.depth > MAX_TEMPLATE_CALL_DEPTH:
                raise _limit(f"calls nested more than {MAX_TEMPLATE_CALL_DEPTH} deep (a macro calling itself?)")
            return _check_size(super().call(context, obj, *args, **kwargs))
        finally:
            budget.depth -= 1

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return _check_size(super().getattr(obj, attribute), f"'{attribute}'")

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return _check_size(super().getitem(obj, argument))

    # -- called from the rewritten tree and the compiled code ---------------------------
    def loop(self, iterable: Any) -> Iterator[Any]:
        """The iterable of a ``{% for %}`` loop, counted against the text's loop budget."""
        budget = _budget.get()
        for item in iterable:
            if budget is not None:
                budget.iterations += 1
                if budget.iterations > MAX_LOOP_ITERATIONS:
                    raise _limit(f"more than {MAX_LOOP_ITERATIONS:,} loop iterations")
                if budget.iterations % 1000 == 0:
                    _tick()
            yield item

    def written_text(self, value: Any) -> str:
        """Every ``{{ ... }}`` output passes here: counted, so a loop cannot pile up gigabytes in a macro."""
        text = str(value)
        budget = _budget.get()
        if budget is not None:
            budget.written += len(text)
            if budget.written > MAX_TEMPLATE_OUTPUT:
                raise _limit(f"the text's {{{{ ... }}}} write more than {MAX_TEMPLATE_OUTPUT:,} characters")
        return text

    def join_text(self, values: list) -> str:
        """``a ~ b ~ c``, checked before the text is made."""
        texts = [str(v) for v in values]
        _check_length(sum(map(len, texts)), "a joined text (~)")
        return "".join(texts)

    def concat(self, parts: Iterable[str]) -> str:
        """Jinja joins every output (the text, a macro's body, a {% set %} block) here."""
        out, total = [], 0
        for part in parts:
            total += len(part)
            if total > MAX_TEXT_LENGTH:
                raise _limit(f"the text is longer than {MAX_TEXT_LENGTH:,} characters")
            out.append(part)
        return "".join(out)
