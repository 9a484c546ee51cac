"""One parse and one code generation per template text.

``Environment.from_string`` parses the text and generates its Python code; ``jinja2.meta.
find_undeclared_variables`` runs the code generator a second time only to learn which names
the text reads. A deck has ~90 template texts and Jinja's front end is most of what rendering
them costs, so :func:`compile_tree` generates the code once from an already parsed tree and
notes the names on the way (the same rule as ``meta.TrackingCodeGenerator``: every name the
frame resolves from the context and the environment's globals do not supply).
"""

from __future__ import annotations

from io import StringIO
from typing import Any, cast

from jinja2 import Environment, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.optimizer import optimize


class _NamesGenerator(CodeGenerator):
    """Jinja's code generator, also collecting the undeclared names (as ``meta`` does)."""

    def __init__(self, environment: Environment, optimized: bool) -> None:
        super().__init__(environment, None, None, optimized=optimized)
        self.undeclared: set[str] = set()

    def enter_frame(self, frame: Frame) -> None:
        super().enter_frame(frame)
        for _, (action, param) in frame.symbols.loads.items():
            if action == "resolve" and param not in self.environment.globals:
                self.undeclared.add(param)


def compile_tree(env: Environment, tree: nodes.Template) -> tuple[Any, frozenset[str]]:
    """The template object for a parsed *tree* (consumed: the optimizer rewrites it) and the names it reads.

    Does what ``env.from_string(text)`` does after parsing (optimize, generate, compile)."""
    node: nodes.Node = optimize(tree, env) if env.optimized else tree
    generator = _NamesGenerator(env, env.optimized)
    generator.visit(node)
    source = cast(StringIO, generator.stream).getvalue()  # the generator's own StringIO (no stream was given)
    code = env._compile(source, "<template>")  # what Environment.compile does
    return env.template_class.from_code(env, code, env.make_globals(None), None), frozenset(generator.undeclared)
