"""Language tags for an e-book's pages, and for passages in another script than the page's."""

from __future__ import annotations

from presswork.lazy import LazyPattern

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
        LazyPattern(
            f"[{chars}](?:[{CJK_PUNCTUATION if lang in ('zh', 'ko') else PUNCTUATION}]*[{chars}])*"
            "[!?.。！？]?"
        ),
    )
    for lang, chars in SCRIPTS
]
KANA = LazyPattern("[\u3040-\u30ff]")


def language_of_run(lang: str, run: str) -> str:
    """Han characters with kana are Japanese; without, Chinese."""
    if lang == "zh" and KANA.search(run):
        return "ja"
    return lang
