"""The parse tree of a plain text with simple ``{{ }}``, built without Jinja's lexer.

Once a simple text is walked rather than compiled (``text/direct.py``), Jinja's lexer and
parser are most of what is left of its cost (~0.25 ms a text). :func:`quick_parse` reads
the commonest shape of deck text itself -- text and ``{{ }}`` holding names, ``.attr``,
``[...]``, filters with arguments, ``+ - * /``, unary ``-``/``+`` and parentheses, on one
line -- and builds the very tree ``Environment.parse`` builds (the same nodes, fields and
the line of every filter), by the same precedence rules as Jinja's parser (``parse_math1``,
``parse_math2``, ``parse_unary``, ``parse_postfix``, ``parse_filter_expr``, mirrored below).

It only says yes when it is sure: a block or comment tag, a carriage return, a keyword,
whitespace control (``{{-``), an escape in a string, a float, a call, anything not listed
above gives None and Jinja parses the text (so every syntax error is Jinja's).
tests/test_quick_parse.py compares the two parsers on random texts.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, nodes

# One token of an expression: spaces, a name, a whole decimal integer (of at most 18 digits),
# a string without escapes or braces, an operator. Anything else (a float, `//`, `==`, `~`,
# a newline) stops the scan.
_TOKEN = re.compile(r"""(?P<space>\ +)|(?P<name>[^\W\d]\w*)|(?P<int>0|[1-9][0-9]{0,17})(?![\w.])
                        |(?P<str>'[^'\\{}\n\r]*'|"[^"\\{}\n\r]*")|(?P<op>[.\[\](),|+\-*/])""", re.X)
# Names Jinja's parser reads as constants or operators, wherever they stand.
_KEYWORDS = frozenset({"true", "false", "True", "False", "none", "None", "not", "and", "or", "in", "is",
                       "if", "else", "recursive", "with", "without", "context", "ignore", "missing"})
_BINARY = {"+": nodes.Add, "-": nodes.Sub, "*": nodes.Mul, "/": nodes.Div}


class _Unsure(Exception):
    """Not a shape this parser reads: Jinja parses the text."""


def quick_parse(env: Environment, source: str) -> nodes.Template | None:
    """The tree ``env.parse(source)`` gives, or None when the text is not of the simple shape."""
    if not _plain_environment(env) or "{%" in source or "{#" in source or "\r" in source:
        return None
    children: list[nodes.Node] = []
    position, lineno = 0, 1
    try:
        while True:
            start = source.find("{{", position)
            data = source[position:] if start < 0 else source[position:start]
            if data:
                children.append(nodes.TemplateData(data, lineno=lineno))
                lineno += data.count("\n")
            if start < 0:
                break
            end = source.find("}}", start + 2)
            if end < 0:
                return None
            children.append(_Expression(source[start + 2:end], lineno).parse())
            position = end + 2
    except (_Unsure, RecursionError):  # too deeply nested: Jinja's parser decides what to say
        return None
    body = [nodes.Output(children, lineno=children[0].lineno)] if children else []
    return nodes.Template(body, lineno=1)


def _plain_environment(env: Environment) -> bool:
    """Jinja's default syntax and whitespace rules, as the deck's sandbox uses them."""
    return (env.variable_start_string, env.variable_end_string, env.block_start_string,
            env.comment_start_string) == ("{{", "}}", "{%", "{#") and env.keep_trailing_newline \
        and not (env.trim_blocks or env.lstrip_blocks or env.line_statement_prefix
                 or env.line_comment_prefix or env.extensions) and env.newline_sequence == "\n"


class _Expression:
    """A recursive-descent parser over one ``{{ }}``'s tokens, the subset of Jinja's parser."""

    def __init__(self, text: str, lineno: int) -> None:
        if text[:1] in ("-", "+"):
            raise _Unsure  # `{{-` / `{{+` is whitespace control, not a sign
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None:
                raise _Unsure
            kind, value = match.lastgroup or "", match.group()
            if kind == "name" and (value in _KEYWORDS or not value.isidentifier()):
                raise _Unsure
            if kind != "space":
                self.tokens.append((kind, value))
            position = match.end()
        self.tokens.append(("end", ""))
        self.index, self.lineno = 0, lineno

    def parse(self) -> nodes.Expr:
        node = self.math1()
        if self.peek() != ("end", ""):
            raise _Unsure  # a tuple, a call, a stray token
        return node

    # -- tokens --------------------------------------------------------------------------
    def peek(self) -> tuple[str, str]:
        return self.tokens[self.index]

    def next(self) -> tuple[str, str]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, *ops: str) -> bool:
        kind, value = self.tokens[self.index]
        return kind == "op" and value in ops

    def expect(self, op: str) -> None:
        if not self.at(op):
            raise _Unsure
        self.index += 1

    # -- Jinja's precedence levels ------------------------------------------------------
    def math1(self) -> nodes.Expr:  # parse_math1 (parse_concat without `~`)
        left = self.math2()
        while self.at("+", "-"):
            op = self.next()[1]
            left = _BINARY[op](left, self.math2(), lineno=self.lineno)
        return left

    def math2(self) -> nodes.Expr:  # parse_math2 (parse_pow without `**`)
        left = self.unary()
        while self.at("*", "/"):
            op = self.next()[1]
            left = _BINARY[op](left, self.unary(), lineno=self.lineno)
        return left

    def unary(self, with_filter: bool = True) -> nodes.Expr:  # parse_unary
        node: nodes.Expr
        if self.at("-"):
            self.next()
            node = nodes.Neg(self.unary(False), lineno=self.lineno)
        elif self.at("+"):
            self.next()
            node = nodes.Pos(self.unary(False), lineno=self.lineno)
        else:
            node = self.primary()
        node = self.postfix(node)
        return self.filters(node) if with_filter else node

    def primary(self) -> nodes.Expr:  # parse_primary
        kind, value = self.next()
        if kind == "name":
            return nodes.Name(value, "load", lineno=self.lineno)
        if kind == "int":
            return nodes.Const(int(value), lineno=self.lineno)
        if kind == "str":
            if self.peek()[0] == "str":
                raise _Unsure  # Jinja joins adjacent strings
            return nodes.Const(value[1:-1], lineno=self.lineno)
        if kind == "op" and value == "(":
            node = self.math1()  # parse_tuple(explicit_parentheses=True) of one item
            self.expect(")")
            return node
        raise _Unsure

    def postfix(self, node: nodes.Expr) -> nodes.Expr:  # parse_postfix / parse_subscript
        while True:
            if self.at("."):
                self.next()
                kind, value = self.next()
                if kind != "name":
                    raise _Unsure
                node = nodes.Getattr(node, value, "load", lineno=self.lineno)
            elif self.at("["):
                self.next()
                arg = self.math1()
                self.expect("]")
                node = nodes.Getitem(node, arg, "load", lineno=self.lineno)
            elif self.at("("):
                raise _Unsure  # a call
            else:
                return node

    def filters(self, node: nodes.Expr) -> nodes.Expr:  # parse_filter_expr / parse_filter
        while self.at("|"):
            self.next()
            kind, name = self.next()
            if kind != "name" or self.at("."):
                raise _Unsure  # a dotted filter name
            args: list[Any] = []
            if self.at("("):
                self.next()
                while not self.at(")"):
                    if args:
                        self.expect(",")
                        if self.at(")"):
                            break  # a trailing comma
                    args.append(self.math1())
                self.expect(")")
            node = nodes.Filter(node, name, args, [], None, None, lineno=self.lineno)
        if self.at("("):
            raise _Unsure  # a call of the filter's result
        return node
