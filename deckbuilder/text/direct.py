"""Simple template texts rendered by walking Jinja's parse tree, without compiling it.

Turning a parsed text into a Jinja template (optimizer, code generator, Python ``compile``)
costs about three times the parse, ~0.7 ms a text, and a deck has ~90 texts that are
nearly all sentences with a few ``{{ sales_yoy | pct }}``, ``{{ t['天猫'] | yi }}``,
``{{ t.first.share | pct(0) }}`` or ``{{ year + 1 }}`` and now and then an ``{% if %}``.
:func:`direct_template` turns such a tree into a few closures that do, step by step, what
the code Jinja would generate does:

* every name is read from the render's values (``resolve``); names the environment's
  globals supply are left to Jinja;
* ``a.b`` and ``a['k']`` go through the sandbox's ``getattr`` / ``getitem`` (the same
  safety checks and undefined objects); a filter is the environment's (guarded) filter,
  called as the generated code calls it, with constant arguments only;
* ``+ * % **`` go through ``call_binop`` when the sandbox intercepts them, ``- / //``,
  unary minus, ``not`` and comparisons are the plain Python operators, as in the
  generated code;
* every ``{{ }}`` is ``str(environment.finalize(value))`` (the written-text budget) and the
  pieces are joined by ``environment.concat``, in the order the generated code yields them.

Anything else (loops, calls, tests, macros, a constant the optimizer would fold at compile
time, a filter wanting the context) is not simple: the text is compiled by Jinja as before.
And a render that raises anything is done again by the compiled template (under a fresh
count of the render budget), so every error a user sees is the one Jinja gives.
Spec text stays data: nothing here evaluates Python; every step is one the sandbox allows.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from jinja2 import nodes
from jinja2.utils import _PassArg

from deckbuilder.text.compiled import compile_tree
from deckbuilder.text.sandbox import BoundedSandbox, restarted_budget

Values = Mapping[str, Any]
Expr = Callable[[Values], Any]

_PLAIN_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": operator.pow,
}
_UNOPS: dict[type, Callable[[Any], Any]] = {nodes.Neg: operator.neg, nodes.Pos: operator.pos,
                                            nodes.Not: operator.not_}
_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "gteq": operator.ge,
    "lt": operator.lt, "lteq": operator.le,
    "in": lambda a, b: a in b, "notin": lambda a, b: a not in b,
}
# Constants the generated code would write as their repr and read back unchanged.
_CONST_TYPES = (str, int, float, bool, type(None))


class _NotSimple(Exception):
    """The tree uses something outside the simple subset: Jinja compiles it."""


class _Output:
    """One ``{{ expression }}``."""

    __slots__ = ("expr",)

    def __init__(self, expr: Expr) -> None:
        self.expr = expr


class _If:
    """``{% if %}`` / ``{% elif %}`` branches and the ``{% else %}`` pieces."""

    __slots__ = ("branches", "else_")

    def __init__(self, branches: list[tuple[Expr, list[Any]]], else_: list[Any]) -> None:
        self.branches, self.else_ = branches, else_


class DirectTemplate:
    """A simple text: ``render(values)`` gives what the compiled Jinja template gives."""

    __slots__ = ("_env", "_source", "_pieces", "_compiled")

    def __init__(self, env: BoundedSandbox, source: str, pieces: list[Any]) -> None:
        self._env, self._source, self._pieces = env, source, pieces
        self._compiled: Any = None

    def render(self, values: Values) -> str:
        try:
            return self.render_direct(values)
        except Exception:
            # Let Jinja's own template render it again, so the error (type, message) is Jinja's
            # exactly; it evaluates in the same order, so it records the same metric uses.
            with restarted_budget():
                return self.compiled().render(values)

    def render_direct(self, values: Values) -> str:
        """The walk alone, without the fallback (tests compare it with the compiled template)."""
        return self._env.concat(self._run(self._pieces, values))

    def compiled(self) -> Any:
        """The Jinja template of the same text (compiled on first need)."""
        if self._compiled is None:
            self._compiled, _ = compile_tree(self._env, self._env.parse(self._source))
        return self._compiled

    def _run(self, pieces: list[Any], values: Values) -> Iterator[str]:
        env = self._env
        for piece in pieces:
            if piece.__class__ is str:
                yield piece
            elif piece.__class__ is _Output:
                yield str(env.finalize(piece.expr(values)))  # type: ignore[misc]
            else:
                for test, branch in piece.branches:
                    if test(values):
                        yield from self._run(branch, values)
                        break
                else:
                    yield from self._run(piece.else_, values)


def direct_template(env: BoundedSandbox, tree: nodes.Template,
                    source: str) -> tuple[DirectTemplate, frozenset[str]] | None:
    """A :class:`DirectTemplate` for *tree* (parsed from *source*) and the names it reads, or
    None when the text is not simple (compile it with Jinja then)."""
    if env.is_async or env.intercepted_unops or not callable(env.finalize) \
            or _PassArg.from_obj(env.finalize) is not None or env.autoescape is not False:
        return None
    planner = _Planner(env)
    try:
        pieces = planner.body(tree.body)
    except _NotSimple:
        return None
    return DirectTemplate(env, source, pieces), frozenset(planner.names)


class _Planner:
    """Turns the nodes of the subset into pieces and closures; raises ``_NotSimple`` on any other."""

    def __init__(self, env: BoundedSandbox) -> None:
        self.env = env
        self.names: set[str] = set()

    def body(self, body: Sequence[nodes.Node]) -> list[Any]:
        pieces: list[Any] = []
        for node in body:
            if isinstance(node, nodes.Output):
                pieces.extend(self.output(node))
            elif isinstance(node, nodes.If):
                branches = [(self.expr(branch.test), self.body(branch.body)) for branch in (node, *node.elif_)]
                pieces.append(_If(branches, self.body(node.else_)))
            else:
                raise _NotSimple
        return pieces

    def output(self, node: nodes.Output) -> list[Any]:
        """Text runs joined as the code generator joins them (one ``yield`` per run)."""
        pieces: list[Any] = []
        for child in node.nodes:
            if type(child) is nodes.TemplateData:
                if pieces and pieces[-1].__class__ is str:
                    pieces[-1] += child.data
                else:
                    pieces.append(child.data)
            else:
                pieces.append(_Output(self.expr(child)))
        return pieces

    def operand(self, node: nodes.Node) -> Expr:
        """A constant leaf or an expression reading a name."""
        if type(node) is nodes.Const:
            value = _constant(node)
            return lambda values: value
        return self.expr(node)

    def expr(self, node: nodes.Node) -> Expr:
        """An expression that reads a name (so the optimizer cannot fold it at compile time)."""
        kind = type(node)
        if kind is nodes.Name:
            return self.name(node)  # type: ignore[arg-type]
        if kind is nodes.Getattr:
            return self.getattr(node)  # type: ignore[arg-type]
        if kind is nodes.Getitem:
            return self.getitem(node)  # type: ignore[arg-type]
        if kind is nodes.Filter:
            return self.filter(node)  # type: ignore[arg-type]
        if isinstance(node, nodes.BinExpr) and kind not in (nodes.And, nodes.Or):
            return self.binop(node)
        if kind in _UNOPS:
            return self.unop(node, _UNOPS[kind])  # type: ignore[arg-type]
        if kind is nodes.Compare:
            return self.compare(node)  # type: ignore[arg-type]
        raise _NotSimple

    def name(self, node: nodes.Name) -> Expr:
        name = node.name
        if node.ctx != "load" or name in self.env.globals:
            raise _NotSimple
        self.names.add(name)
        return lambda values: values[name]  # a missing value raises: Jinja's template takes over

    def getattr(self, node: nodes.Getattr) -> Expr:
        base, attr, getattr_ = self.expr(node.node), node.attr, self.env.getattr
        return lambda values: getattr_(base(values), attr)

    def getitem(self, node: nodes.Getitem) -> Expr:
        base, getitem = self.expr(node.node), self.env.getitem
        arg = node.arg
        if type(arg) is nodes.Tuple and arg.ctx == "load" and all(type(i) is nodes.Const for i in arg.items):
            key: Any = tuple(_constant(i) for i in arg.items)  # the optimizer folds it to this constant
        elif type(arg) is nodes.Const:
            key = _constant(arg)
        else:
            raise _NotSimple
        return lambda values: getitem(base(values), key)

    def filter(self, node: nodes.Filter) -> Expr:
        func = self.env.filters.get(node.name)
        if node.node is None or func is None or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise _NotSimple
        base = self.expr(node.node)
        args = tuple(_constant(a) for a in node.args)
        kwargs: dict[str, Any] = {}
        for keyword in node.kwargs:
            if not isinstance(keyword, nodes.Keyword):
                raise _NotSimple
            kwargs[keyword.key] = _constant(keyword.value)
        pass_arg = _PassArg.from_obj(func)
        if pass_arg is _PassArg.environment:
            env = self.env
            return lambda values: func(env, base(values), *args, **kwargs)
        if pass_arg is not None:
            raise _NotSimple  # wants the render context: Jinja's job
        return lambda values: func(base(values), *args, **kwargs)

    def binop(self, node: nodes.BinExpr) -> Expr:
        left, right = node.left, node.right
        if type(left) is nodes.Const and type(right) is nodes.Const:
            raise _NotSimple  # folded at compile time
        first, second, op = self.operand(left), self.operand(right), node.operator
        if op in self.env.intercepted_binops:
            call_binop = self.env.call_binop
            # The generated code passes its render context; the sandbox's call_binop does not use it.
            return lambda values: call_binop(None, op, first(values), second(values))
        plain = _PLAIN_BINOPS[op]
        return lambda values: plain(first(values), second(values))

    def unop(self, node: nodes.UnaryExpr, apply: Callable[[Any], Any]) -> Expr:
        inner = self.expr(node.node)
        return lambda values: apply(inner(values))

    def compare(self, node: nodes.Compare) -> Expr:
        if type(node.expr) is nodes.Const and all(type(o.expr) is nodes.Const for o in node.ops):
            raise _NotSimple  # folded at compile time
        first = self.operand(node.expr)
        *chain, (last_test, last) = [(_COMPARE[o.op], self.operand(o.expr)) for o in node.ops]

        def compare(values: Values) -> Any:
            # Python's chained comparison: a false link is the value, else the last comparison is.
            left = first(values)
            for test, operand in chain:
                right = operand(values)
                result = test(left, right)
                if not result:
                    return result
                left = right
            return last_test(left, last(values))
        return compare


def _constant(node: nodes.Node) -> Any:
    if type(node) is not nodes.Const or type(node.value) not in _CONST_TYPES:
        raise _NotSimple
    return node.value
