"""HTML (as in Anki fields) to plain text, and plain text back to HTML for an Anki export.

``<br>`` and block elements become line breaks, every other tag is dropped, entities are unescaped,
runs of whitespace collapse as a browser would show them. Images and sounds cannot live in a text
field: they are replaced by a visible marker (``[image: x.png]``, ``[sound: x.mp3]``) and reported,
never silently lost. The sound marker has a space after the colon, so it is not Anki's ``[sound:...]``.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
}
_SKIP = {"script", "style", "head", "title"}
_LOOKS_HTML = re.compile(
    r"<(?:br|div|p|span|b|i|u|em|strong|img|sub|sup|font|li|ul|ol|hr|a|table|tr|td)\b[^>]*>"
    r"|</[a-z][a-z0-9]*\s*>|&(?:nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);",
    re.IGNORECASE,
)
_LINE, _PARA = "\x00", "\x01"  # a block boundary: one line break, or a paragraph break
_BREAKS = re.compile(r"[ \x00\x01]*[\x00\x01][ \x00\x01]*")
_SOUND = re.compile(r"\[sound:([^\]]*)\]")
# Python's HTMLParser rescans the rest of a field from each '<' that does not complete a tag it
# recognises (quadratic: a 2.6 MB field took 40 s). So only a complete tag (quoted values may hold
# '>'), '<!...>' or '<?...>' with no '<' inside is left as markup; any other '<' becomes text first.
# Each attempt stops at the next '<': linear.
_MARKUP = re.compile(r"""</?[A-Za-z][^<>"']*(?:(?:"[^"<]*"|'[^'<]*')[^<>"']*)*>|<[!?][^<>]*>|(<)""")
_SPACES = re.compile(r" {2,}")


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append(_PARA if tag == "p" else _LINE)
            if tag == "li":
                self.parts.append("- ")
        elif tag == "img":
            src = next((value for name, value in attrs if name == "src" and value), "")
            self.media.append(src)
            self.parts.append(f"[image: {src}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append(_PARA if tag == "p" else _LINE)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\n\r\f]+", " ", data.replace(_LINE, "").replace(_PARA, "")))


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text))


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """Return (plain text, media file names that had to be left out: images, then sounds)."""
    text, images, sounds = html_to_text_media(markup)
    return text, images + sounds


def html_to_text_media(markup: str) -> tuple[str, list[str], list[str]]:
    """Return (plain text with image and sound markers, image sources, sound file names)."""
    markup, sounds = mark_sounds(markup)  # as Anki does, in the field's source: "&#91;sound:" is text
    builder = _TextBuilder()
    builder.feed(_MARKUP.sub(lambda m: "&lt;" if m.group(1) else m.group(0), markup))
    builder.close()
    # runs of spaces made one first: _BREAKS would otherwise try each space of a long run (quadratic)
    joined = _SPACES.sub(" ", "".join(builder.parts))
    joined = _BREAKS.sub(lambda m: "\n\n" if _PARA in m.group() else "\n", joined)
    text = re.sub(r"[ \xa0]{2,}", " ", joined).replace("\xa0", " ")
    return tidy(text), list(builder.media), sounds


def plain_media(text: str) -> list[str]:
    """Sound references (``[sound:x.mp3]``) in a plain-text field."""
    return _SOUND.findall(text)


def mark_sounds(text: str) -> tuple[str, list[str]]:
    """Anki's ``[sound:x.mp3]`` becomes the placeholder ``[sound: x.mp3]``; returns the names too."""
    names = _SOUND.findall(text)
    return _SOUND.sub(lambda m: f"[sound: {m.group(1).strip()}]", text), names


def tidy(text: str) -> str:
    """Strip each line, drop leading/trailing blank lines, keep at most one blank line in a row."""
    lines = [line.strip() for line in text.split("\n")]
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", out)


def text_to_html(text: str) -> str:
    """Plain text to an Anki field: escape markup, keep line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")
