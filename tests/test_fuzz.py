"""Fuzzed front matter and essay text through the html and latex builders: never a traceback.

Each example is one essay in a fresh project; the build must finish, say nothing of an
exception, leave the essay's bytes as they were, and write nothing outside its output folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

KEYS = ["title", "authors", "author", "date", "tags", "categories", "abstract", "lang", "draft"]
NASTY = [
    "<script>alert(1)</script>",
    "{cite}`x`",
    "\\input{/etc/passwd}",
    "100% & $5 #1 ~ ^ _ {}",
    "*emphasis* [link](x)",
    "../../etc/passwd",
    "🔥",
    "",
    " ",
    "C++",
    "---",
    "A" * 300,
]
HOSTILE_TEXT = st.sampled_from(NASTY) | st.text(
    alphabet=st.sampled_from(
        [
            *"abc XYZ\t#$%&~_^\\{}[]()<>*`|:!'\"-=+.,;/@",
            *["é", "ж", "字", "🔥", "\u200f", "\u0301", "\ufeff", "\x7f", "\n", "\r"],
        ]
    ),
    max_size=60,
)
SCALAR = st.one_of(
    HOSTILE_TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.sampled_from(["2024-02-30", "2024-13-01", "0000-00-00", "9999-12-31", ".inf", "~"]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)
FRONT_MATTER = st.builds(
    lambda known, other: {**other, **known},
    st.fixed_dictionaries({}, optional={key: HOSTILE_TEXT | VALUE for key in KEYS}),
    st.dictionaries(HOSTILE_TEXT, VALUE, max_size=2),
)
FRAGMENTS = st.sampled_from(
    [
        "# Heading\n",
        "## A *section* with `code`\n",
        "- item\n  - nested\n",
        "1. one\n2. two\n",
        "> quoted text\n> — Someone\n",
        "A paragraph with a footnote[^n].\n\n[^n]: The note.\n",
        "{cite}`missing-key`\n",
        "{cite:p}``\n",
        "{unknownrole}`x`\n",
        "<script>alert(1)</script>\n",
        '<img src=x onerror="alert(1)">\n',
        "<div><span>unclosed\n",
        "$x^2$ and $$\\frac{1}{0}$$\n",
        "```python\nprint('hi')\n```\n",
        "```{note}\nA note.\n```\n",
        "```{unknowndirective}\nx\n```\n",
        "```{raw} latex\n\\input{/etc/passwd}\n```\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "![alt](missing.png)\n",
        "[a link](https://example.org) and <https://example.org>\n",
        "\\begin{document} \\end{document} \\def\\x{\\x}\\x\n",
        "---\n",
        "(label)=\n## Labelled\n\nSee {ref}`label` and {ref}`nowhere`.\n",
    ]
)
BODY = st.lists(st.one_of(FRAGMENTS, HOSTILE_TEXT.map(lambda text: text + "\n")), max_size=8)
CONF = 'extensions = ["presswork"]\nexclude_patterns = ["_build"]\nproject = "Fuzz"\n'
INDEX = "# Fuzz\n\n```{essays}\n```\n"


def essay_text(front: dict[object, object], body: list[str], raw_front: str | None) -> str:
    """An essay file: front matter as YAML (or as given), then the body."""
    block = raw_front if raw_front is not None else yaml.safe_dump(front, allow_unicode=True)
    return f"---\n{block}---\n\n" + "\n".join(body)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` outside ``_build``, by content."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and "_build" not in path.relative_to(folder).parts
    }


@settings(
    max_examples=int(os.environ.get("PRESSWORK_FUZZ_EXAMPLES", "30")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    front=FRONT_MATTER,
    body=BODY,
    raw_front=st.none() | HOSTILE_TEXT,
    builder=st.sampled_from(["html", "latex"]),
)
def test_any_front_matter_and_text_build_without_a_traceback(front, body, raw_front, builder):
    top = Path(tempfile.mkdtemp(prefix="presswork-fuzz-"))
    try:
        srcdir = top / "src"
        (srcdir / "essays").mkdir(parents=True)
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
        essay = srcdir / "essays" / "fuzzed.md"
        essay.write_bytes(essay_text(front, body, raw_front).encode("utf-8", "surrogatepass"))
        before = snapshot(top)
        warnings = StringIO()
        app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
        assert "Traceback" not in warnings.getvalue()
        assert "Exception occurred" not in warnings.getvalue()
        assert snapshot(top) == before
    finally:
        shutil.rmtree(top, ignore_errors=True)
