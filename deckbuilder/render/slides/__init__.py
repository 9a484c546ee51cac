"""One module per slide kind; importing this package imports (and so registers) every one.

The modules are found, not listed: adding a kind is a model in ``spec/model.py``, a
module here with ``@slide_renderer("newkind")``, and layout-map entries.
"""

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
