"""Fonts for every script an essay may use, and the LaTeX that chooses among them."""

from __future__ import annotations

NEEDS_ALL = ("fallback", "right-to-left")
FONTS_MARK = "% presswork: fonts and languages"
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


LANGUAGES = {"en": "english", "de": "ngerman", "fr": "french", "es": "spanish", "ru": "russian"}


def babel_language(language: str) -> str | None:
    """babel's name for a language tag (``de-AT`` → ``ngerman``), if presswork knows it."""
    return LANGUAGES.get(language.split("-", maxsplit=1)[0].lower())


def babel_setup(
    language: str,
    needs: set[str] | frozenset[str] = frozenset(NEEDS_ALL),
    others: frozenset[str] = frozenset(),
) -> str:
    """fontspec and babel, with font fallback and right-to-left setting only where needed.

    Fallback fonts and right-to-left setting need LuaLaTeX; without them XeLaTeX does, faster.
    ``others`` are the languages of essays not in the book's language: babel loads their
    hyphenation patterns.
    """
    fallback = "fallback" in needs
    rtl = "right-to-left" in needs
    lines = [FONTS_MARK, font_setup() if fallback else r"\usepackage{fontspec}"]
    main = babel_language(language) or "english"
    loaded = sorted({name for tag in others if (name := babel_language(tag))} - {main})
    options = ["bidi=basic"] if rtl else []
    options += [*loaded, f"main={main}"] if loaded else [main]
    lines.append(rf"\usepackage[{','.join(options)}]{{babel}}")
    if rtl:
        for name, font in RIGHT_TO_LEFT.items():
            lines.append(rf"\babelprovide[import, onchar=ids fonts]{{{name}}}")
            lines.append(rf"\babelfont[{name}]{{rm}}{{{font}}}")
    feature = "RawFeature={fallback=presswork}," if fallback else ""
    lines += [
        rf"\babelfont{{rm}}[{feature}]{{{MAIN_FONT}}}",
        rf"\babelfont{{sf}}[{feature}]{{{SANS_FONT}}}",
        rf"\babelfont{{tt}}[{feature}Scale=0.9]{{{MONO_FONT}}}",
        r"\tracinglostchars=2",
    ]
    return "\n".join(lines) + "\n"


def typefaces(needs: set[str] | frozenset[str]) -> list[str]:
    """The typefaces a book is set in, as its colophon names them."""
    faces = [MAIN_FONT, SANS_FONT, MONO_FONT]
    if "fallback" in needs:
        faces.append("the Noto fonts of other scripts where the text needs them")
    return faces


def engine_for(needs: set[str]) -> str:
    """LuaLaTeX for fallback fonts or right-to-left text; XeLaTeX, which is faster, otherwise."""
    return "lualatex" if needs & set(NEEDS_ALL) else "xelatex"
