"""WikiLeaks Cablegate pages (`cable/YYYY/MM/REFID.html`), trimmed or whole with navigation.

The cable's text is in two `<pre>` blocks (header, body) after the metadata table; newlines are
`&#x000A;` entities, TAGS and paragraph marks are links. The metadata table gives Reference ID,
Created, Released, Classification and Origin; the classification link's `title` attribute is often
wrong, so its link text is used.
"""

from __future__ import annotations

import hashlib
import html
import re
from itertools import islice

from cablekg.model import Source
from cablekg.sources.base import Metadata, RawCable, Reject
from cablekg.sources.decode import Undecodable, decode

_TABLE = re.compile(r"<table\s+class=['\"]cable['\"]\s*>", re.I)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S | re.I)
_TAG = re.compile(r"<[^>]{0,2000}>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
FORMAT = "cablegate-html"


def read_page(data: bytes, path: str | None) -> RawCable | Reject:
    """The cable of one page, or why there is none."""
    try:
        page, repairs = decode(data)
    except Undecodable as error:
        return Reject(path=path, reason=str(error), offset=0)
    table = _TABLE.search(page)
    start = table.start() if table else 0
    blocks = _pre_blocks(page, start) or (_pre_blocks(page, 0) if table else [])
    if not blocks:
        reason = "HTML page without cable text (no <pre> block)"
        return Reject(path=path, reason=reason, offset=start)
    if any(not closed for _block, closed in blocks[:2]):
        repairs.append("page ends before its text is closed (truncated)")
    text = "\n".join(_text(block) for block, _closed in blocks[:2])
    meta = _metadata(page, start) if table else Metadata()
    source = Source(format=FORMAT, path=path, sha256=hashlib.sha256(data).hexdigest())
    return RawCable(text=text, source=source, metadata=meta, repairs=tuple(repairs))


def _pre_blocks(page: str, start: int) -> list[tuple[str, bool]]:
    """(content, closed?) of every `<pre>` block from `start` (unclosed: the page is cut short)."""
    blocks = []
    lower = page if "<pre" in page else page.lower()
    while True:
        opening = lower.find("<pre", start)
        if opening < 0:
            return blocks
        content = lower.find(">", opening) + 1
        if content == 0:
            return blocks
        closing = lower.find("</pre>", content)
        if closing < 0:
            blocks.append((page[content:], False))
            return blocks
        blocks.append((page[content:closing], True))
        start = closing + 6


def _text(block: str) -> str:
    block = block.replace("&#x000A;", "\n").replace("&#x000a;", "\n")
    if "<" in block:
        block = _TAG.sub("", _BREAK.sub("\n", block))
    return html.unescape(block) if "&" in block else block


def _metadata(page: str, start: int) -> Metadata:
    """The first five cells of the table at `start` (within 5000 characters)."""
    found = islice(_CELL.finditer(page, start, start + 5000), 5)
    cells = [html.unescape(_TAG.sub("", c[1])).strip() for c in found]
    if len(cells) < 5:
        return Metadata()
    ref_id, created, _released, classification, origin = cells[:5]
    date = None
    match = re.match(r"(\d{4}-\d\d-\d\d)(?:\s+(\d\d:\d\d))?", created)
    if match:
        date = f"{match[1]}T{match[2] or '00:00'}:00Z"
    return Metadata(
        id=ref_id or None, date=date, classification=classification or None, origin=origin or None
    )
