"""Language tags for an e-book's pages, and for passages in another script than the page's."""

from __future__ import annotations

import re

TAG = re.compile(r"(<[^>]+>)")
PUNCTUATION = r"\s,.;:!?«»„“”‘’()\-–—、。，！？：；「」『』（）"
SCRIPTS = (
    ("ru", "\u0400-\u04ff"),
    ("el", "\u0370-\u03ff\u1f00-\u1fff"),
    ("ar", "\u0600-\u06ff\u0750-\u077f"),
    ("he", "\u0590-\u05ff"),
    ("ko", "\uac00-\ud7af\u1100-\u11ff"),
    ("zh", "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"),
)
CJK_PUNCTUATION = r"、。，！？：；「」『』（）"  # CJK text has no spaces between words
RUNS = [
    (
        lang,
        re.compile(
            f"[{chars}](?:[{CJK_PUNCTUATION if lang in ('zh', 'ko') else PUNCTUATION}]*[{chars}])*"
            "[!?.。！？]?"
        ),
    )
    for lang, chars in SCRIPTS
]
KANA = re.compile("[\u3040-\u30ff]")
SKIPPED_ELEMENTS = re.compile(r"<(script|style|title|code|pre)\b", re.IGNORECASE)


def language_of_run(lang: str, run: str) -> str:
    """Han characters with kana are Japanese; without, Chinese."""
    if lang == "zh" and KANA.search(run):
        return "ja"
    return lang


def mark_passages(html: str, page_language: str) -> str:
    """Wrap each passage in a script other than the page's language in a span with its lang."""
    parts = TAG.split(html)
    inside_skipped = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if SKIPPED_ELEMENTS.match(part):
                inside_skipped += 1
            elif re.match(r"</(script|style|title|code|pre)>", part, re.IGNORECASE):
                inside_skipped = max(0, inside_skipped - 1)
            continue
        if inside_skipped or not part.strip():
            continue
        marked = part
        for lang, pattern in RUNS:
            marked = pattern.sub(lambda m, lang=lang: span(m.group(0), lang, page_language), marked)
        parts[index] = marked
    return "".join(parts)


def span(run: str, lang: str, page_language: str) -> str:
    """The run in a span with its language, unless it is the page's own."""
    language = language_of_run(lang, run)
    if language == page_language.split("-", maxsplit=1)[0]:
        return run
    return f'<span lang="{language}" xml:lang="{language}">{run}</span>'


def tag_page(html: str, language: str) -> str:
    """Give the page's <html> element its language, and its foreign passages theirs."""
    if not re.search(r"<html[^>]*\blang=", html):
        html = re.sub(r"<html\b", f'<html lang="{language}" xml:lang="{language}"', html, count=1)
    head, _, body = html.partition("<body")
    return head + "<body" + mark_passages(body, language) if body else html
