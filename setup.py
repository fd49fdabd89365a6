"""Optional compiled build of the per-cable stages.

`CABLEKG_COMPILE=1 pip install .` compiles the parser, the entity extractor and the RDF mapping
with mypyc (their type hints become C types), which makes a full build about a fifth faster.
Without it (the default) cablekg is pure Python: the same code, the same results, and an edited
module takes effect at once, which is what a developer wants.
"""

import os
from glob import glob

from setuptools import setup

# `parse/assemble.py` stays interpreted: it calls the entity extractor through the module, where
# the build's per-stage timing wraps it.
COMPILED = [
    *sorted(set(glob("cablekg/parse/*.py")) - {"cablekg/parse/assemble.py"}),
    *sorted(glob("cablekg/entities/*.py")),
    "cablekg/rdf/mapping.py",
    "cablekg/rdf/terms.py",
]


def compiled_modules() -> list:
    if os.environ.get("CABLEKG_COMPILE") != "1":
        return []
    from mypyc.build import mypycify

    return mypycify(COMPILED, opt_level="3")


setup(ext_modules=compiled_modules())
