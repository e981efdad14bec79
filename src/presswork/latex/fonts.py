"""Fonts for every script an essay may use, and the LaTeX that chooses among them."""

from __future__ import annotations

from dataclasses import dataclass

from presswork.lazy import LazyPattern

FONTS_MARK = "% presswork: fonts and languages"
MAIN_FONT = "Noto Serif"
SANS_FONT = "Noto Sans"
MONO_FONT = "Noto Sans Mono"


@dataclass(frozen=True)
class ScriptFont:
    """A script the main fonts lack: its characters, its font, and how its text is set."""

    name: str
    font: str
    characters: str  # a regular expression character class's contents
    language: str = ""  # babel's language for a right-to-left script, set with \foreignlanguage
    breaks_anywhere: bool = False  # a line may break between any two characters (CJK)


# The one table of scripts: which characters go to which font. A run of characters of one
# script, with the spaces and punctuation between them, is set in its font (see runs.py).
SCRIPT_FONTS = (
    ScriptFont(
        "cjk",
        "Noto Serif CJK JP",
        "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f"
        "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f",
        breaks_anywhere=True,
    ),
    ScriptFont(
        "arabic",
        "Noto Naskh Arabic",
        "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
        language="arabic",
    ),
    ScriptFont("hebrew", "Noto Serif Hebrew", "\u0590-\u05ff\ufb1d-\ufb4f", language="hebrew"),
    ScriptFont("devanagari", "Noto Serif Devanagari", "\u0900-\u097f\ua8e0-\ua8ff"),
    ScriptFont(
        "emoji",
        "NotoColorEmoji.ttf",
        "\u2600-\u27bf\u2b50\u2b55\U0001f000-\U0001faff",
    ),
    ScriptFont(
        "symbols",
        "Noto Sans Symbols2",
        "\u2190-\u21ff\u2300-\u23ff\u2500-\u25ff\u2b00-\u2bff",
    ),
    ScriptFont(
        "math",
        "Noto Sans Math",
        "\u2200-\u22ff\u27c0-\u27ef\u2980-\u2aff\U0001d400-\U0001d7ff",
    ),
)
SCRIPTS = {script.name: script for script in SCRIPT_FONTS}
# A script's own characters and spaces; anything else in its run is set in the main font.
OWN_CHARACTERS = {s.name: LazyPattern(f"[{s.characters}\\s]") for s in SCRIPT_FONTS}
# Spaces and punctuation between two characters of one script belong to its run (so a phrase
# right to left keeps its word order).
BETWEEN = "\\s.,;:!?'\"“”‘’()«»\\-–—\u200d\ufe0f"
RUN = LazyPattern(
    "|".join(
        f"(?P<{s.name}>[{s.characters}](?:[{BETWEEN}]*[{s.characters}])*)" for s in SCRIPT_FONTS
    )
)
# LuaLaTeX only for colour emoji, which XeLaTeX cannot draw; XeLaTeX, three times faster a
# pass, for everything else (right-to-left runs are marked, so it needs no bidi algorithm).
LUALATEX_NEEDS = frozenset({"emoji"})
NEEDS_ALL = ("fallback", "right-to-left", *SCRIPTS)
# For code only, where runs are not marked: any character the mono font lacks (LuaLaTeX).
FALLBACK_FONTS = (
    "NotoSerifCJKjp-Regular:mode=harf;",
    "NotoNaskhArabic-Regular:mode=harf;",
    "NotoSerifHebrew-Regular:mode=harf;",
    "NotoSerifDevanagari-Regular:mode=harf;",
    "file:NotoColorEmoji.ttf:mode=harf;",
    "NotoSansSymbols2-Regular:mode=harf;",
    "NotoSansMath-Regular:mode=harf;",
)


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
    """fontspec and babel, with a font for each script the collection uses and no other.

    ``others`` are the languages of essays not in the book's language: babel loads their
    hyphenation patterns.
    """
    lualatex = engine_for(set(needs)) == "lualatex"
    harf = "Renderer=HarfBuzz" if lualatex else ""
    code_fallback = lualatex and "fallback" in needs
    lines = [FONTS_MARK, font_setup() if code_fallback else r"\usepackage{fontspec}"]
    main = babel_language(language) or "english"
    loaded = sorted({name for tag in others if (name := babel_language(tag))} - {main})
    rtl = "right-to-left" in needs
    options = [f"bidi={'basic' if lualatex else 'default'}"] if rtl else []
    options += [*loaded, f"main={main}"] if loaded else [main]
    lines.append(rf"\usepackage[{','.join(options)}]{{babel}}")
    if any(script.name in needs for script in SCRIPT_FONTS):
        # spaces and punctuation inside a run, which its script's font may lack
        lines.append(rf"\newfontfamily\PressworkMainFont{{{MAIN_FONT}}}")
    for script in SCRIPT_FONTS:
        if script.name not in needs:
            continue
        if script.language:
            lines.append(rf"\babelprovide[import]{{{script.language}}}")
            for family in ("rm", "sf"):
                lines.append(rf"\babelfont[{script.language}]{{{family}}}[{harf}]{{{script.font}}}")
        else:
            lines.append(rf"\newfontfamily\PressworkScript{script.name}{{{script.font}}}[{harf}]")
    code = "RawFeature={fallback=presswork}," if code_fallback else ""
    lines += [
        rf"\babelfont{{rm}}{{{MAIN_FONT}}}",
        rf"\babelfont{{sf}}{{{SANS_FONT}}}",
        rf"\babelfont{{tt}}[{code}Scale=0.9]{{{MONO_FONT}}}",
        r"\tracinglostchars=2",
    ]
    return "\n".join(lines) + "\n"


def typefaces(needs: set[str] | frozenset[str]) -> list[str]:
    """The typefaces a book is set in, as its colophon names them."""
    faces = [MAIN_FONT, SANS_FONT, MONO_FONT]
    for script in SCRIPT_FONTS:
        if script.name in needs:
            faces.append(
                script.font.removesuffix(".ttf").replace("NotoColorEmoji", "Noto Color Emoji")
            )
    return faces


def engine_for(needs: set[str]) -> str:
    """LuaLaTeX for colour emoji; XeLaTeX, which is faster, otherwise."""
    return "lualatex" if needs & LUALATEX_NEEDS else "xelatex"
