"""Fonts for every script an essay may use, and the LaTeX that chooses among them."""

from __future__ import annotations

MAIN_FONT = "Noto Serif"
SANS_FONT = "Noto Sans"
MONO_FONT = "Noto Sans Mono"
# Tried in order for any character the main font lacks (luaotfload fallback, HarfBuzz shaping).
FALLBACK_FONTS = (
    "NotoSerifCJKjp-Regular:mode=harf;",
    "NotoNaskhArabic-Regular:mode=harf;",
    "NotoSerifHebrew-Regular:mode=harf;",
    "NotoSerifDevanagari-Regular:mode=harf;",
    "file:NotoColorEmoji.ttf:mode=harf;",
    "NotoSansSymbols2-Regular:mode=harf;",
    "NotoSansMath-Regular:mode=harf;",
)
# Scripts written right to left, switched on by the characters themselves (babel onchar).
RIGHT_TO_LEFT = {"arabic": "Noto Naskh Arabic", "hebrew": "Noto Serif Hebrew"}


def font_setup() -> str:
    """fontspec, the fallback chain and babel's script switching, for LuaLaTeX."""
    chain = ",".join(f'"{font}"' for font in FALLBACK_FONTS)
    lines = [
        r"\usepackage{fontspec}",
        r"\directlua{luaotfload.add_fallback('presswork', {" + chain + "})}",
    ]
    return "\n".join(lines) + "\n"


def babel_setup(language: str) -> str:
    """babel with bidirectional text and fonts chosen by script."""
    main = {"en": "english", "de": "ngerman", "fr": "french", "es": "spanish", "ru": "russian"}
    lines = [font_setup(), rf"\usepackage[bidi=basic,{main.get(language, 'english')}]{{babel}}"]
    for name, font in RIGHT_TO_LEFT.items():
        lines.append(rf"\babelprovide[import, onchar=ids fonts]{{{name}}}")
        lines.append(rf"\babelfont[{name}]{{rm}}{{{font}}}")
    lines += [
        rf"\babelfont{{rm}}[RawFeature={{fallback=presswork}}]{{{MAIN_FONT}}}",
        rf"\babelfont{{sf}}[RawFeature={{fallback=presswork}}]{{{SANS_FONT}}}",
        rf"\babelfont{{tt}}[RawFeature={{fallback=presswork}},Scale=0.9]{{{MONO_FONT}}}",
        r"\tracinglostchars=2",
    ]
    return "\n".join(lines) + "\n"
