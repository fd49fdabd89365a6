"""HTML rendering: Jinja2 templates with autoescaping, so cable text is always shown as text.

JSON-LD embedded in a page goes through `script_json`, which escapes `<`, `>` and `&`: a cable
that contains `</script>` cannot close the block.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
import markupsafe

from cablekg import __version__


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cablekg.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def render(template: str, **context: Any) -> str:
    context.setdefault("alternates", [])
    context.setdefault("jsonld", None)
    context.setdefault("q", None)
    context.setdefault("title", "")
    return environment().get_template(template).render(**context)


def script_json(text: str) -> markupsafe.Markup:
    """JSON made safe inside `<script>`: no character can end the element or open a comment.

    JSON allows `\\u003c` wherever `<` may stand (inside strings, the only place it occurs).
    """
    safe = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return markupsafe.Markup(safe)
