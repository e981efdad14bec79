"""presswork against its peers on one generated collection: time, memory and page weight.

Usage: python benchmarks/peers.py [--sizes 100 1000] [--huge] [--epub-size 100]
       [--latex-size 200] [--only html epub latex] [--guide docs/benchmarks.md]

Every contender gets the same essays (presswork.synthetic: front matter with tags and
categories, footnotes, quotations, three citations each), in its own format:

- floor: plain Sphinx, MyST-Parser and sphinx-book-theme with the sidebar off;
- naive: the same with the theme's default sidebar (the whole collection on every page);
- ablog: Sphinx with ablog, the essays as blog posts (tag, category and archive pages, feeds);
- Pelican: the essays as Pelican articles, with its content cache on (its fastest rebuild);
- presswork: `make html`, as a publication runs it, on the essays with their citation roles
  (the others get the same text without the roles, which only presswork understands).

Each build runs in a fresh process; the floor's and presswork's (whose ratios are the
targets) three times, interleaved, and the median is taken; the others once. Ratios are
taken within this one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from presswork.synthetic import write_collection

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
PYTHON = sys.executable
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
PLAIN_INDEX = "# Synthetic collection\n\n```{toctree}\n:hidden:\n:glob:\n\nessays/*\n```\n"
NO_SIDEBAR = 'html_sidebars = {"**": []}'
TITLES = "myst_title_to_header = True"  # the front matter's title as the page's heading
MULTI_SCRIPT = """---
title: Every Script
authors: [Ann Script]
date: 2020-01-02
tags: [scripts]
categories: [Translation]
---

## Scripts

Workers of all countries, unite, in the languages of the slogan's travels:

- 万国の労働者、団結せよ (Japanese)
- 全世界无产者，联合起来 (Chinese)
- 만국의 노동자여, 단결하라 (Korean)
- يا عمال العالم، اتحدوا (Arabic)
- פועלי כל הארצות, התאחדו (Hebrew)
- Пролетарии всех стран, соединяйтесь (Russian)
- Προλετάριοι όλων των χωρών, ενωθείτε (Greek)
"""
TARGETS = {
    "full": ("presswork full / floor full", 1.25),
    "no change": ("presswork `make html`, no change / floor no change", 1.1),
    "one essay": ("presswork one-essay tag edit / floor's", 1.3),
    "pelican": ("presswork one-essay tag edit / Pelican's rebuild", 0.5),
    "memory": ("presswork peak memory / floor's", 1.3),
    "page": ("presswork essay page, KB", 40),
    "epub": ("presswork make epub / (Sphinx epub + one EPUBCheck)", 3.0),
    "latex": ("presswork latexpdf, multi-script / plain Sphinx XeLaTeX", 1.5),
}


@dataclass
class Run:
    """One command's cost: wall seconds and the peak memory of its largest process."""

    seconds: float
    megabytes: float


@dataclass
class Results:
    """Every measurement of one bench run, by size and name."""

    rows: dict[int, dict[str, Run]] = field(default_factory=dict)
    pages: dict[int, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command in a fresh process, quietly; its wall time and peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _stderr = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        tail = _stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"failed: {' '.join(command)}\n{tail}")
    return Run(seconds, usage.ru_maxrss / 1024)


def sphinx(source: Path, out: Path, builder: str = "html", *options: str) -> Run:
    """One sphinx-build."""
    command = [PYTHON, "-m", "sphinx", "-Q", "-b", builder, "-d", str(out / ".doctrees")]
    return run([*command, *options, str(source), str(out)])


def make(target: str, source: Path, builddir: Path) -> Run:
    """A target of presswork's Makefile, on the generated collection."""
    variables = [f"SOURCEDIR={source}", f"BUILDDIR={builddir}", f"VIRTUAL_ENV={sys.prefix}"]
    return run(["make", "--no-print-directory", "-s", "-C", str(PROJECT), target, *variables])


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The generated essay's front matter as flat strings, and its body."""
    match = FRONT_MATTER.match(text)
    assert match, "every generated essay has front matter"
    fields = {}
    for line in match[1].splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value.strip().strip("[]").strip('"')
    return fields, text[match.end() :]


def essays_of(root: Path) -> list[Path]:
    """The generated essays of a collection."""
    return sorted((root / "essays").glob("*.md"))


def as_floor(root: Path, sidebar: bool) -> Path:
    """The collection for plain Sphinx: MyST front matter kept, a glob toctree as the index."""
    (root / "index.md").write_text(PLAIN_INDEX, encoding="utf-8")
    for name in ("tags", "categories", "archive"):
        (root / f"{name}.md").unlink(missing_ok=True)
    conf = root / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('["presswork"]', '["myst_parser"]')
        + f"{TITLES}\n{'' if sidebar else NO_SIDEBAR}\n",
        encoding="utf-8",
    )
    return root


def as_ablog(root: Path) -> Path:
    """The collection as ablog posts: its own front matter fields, its archive pages."""
    as_floor(root, sidebar=False)
    conf = root / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('["myst_parser"]', '["myst_parser", "ablog"]')
        + 'blog_baseurl = "https://press.example/"\nblog_post_pattern = "essays/*"\n',
        encoding="utf-8",
    )
    for essay in essays_of(root):
        fields, body = front_matter(essay.read_text(encoding="utf-8"))
        essay.write_text(
            f"---\ntitle: {fields['title']}\ndate: {fields['date']}\n"
            f"author: {fields['authors']}\ncategory: {fields['categories']}\n"
            f"tags: {fields['tags']}\n---\n\n{body}",
            encoding="utf-8",
        )
    return root


def as_pelican(root: Path, out: Path) -> Path:
    """The collection as Pelican articles, with a settings file; the content folder."""
    content = out / "content"
    content.mkdir(parents=True)
    for essay in essays_of(root):
        fields, body = front_matter(essay.read_text(encoding="utf-8"))
        (content / essay.name).write_text(
            f"Title: {fields['title']}\nDate: {fields['date']}\nAuthors: {fields['authors']}\n"
            f"Category: {fields['categories']}\nTags: {fields['tags']}\n"
            f"Summary: {fields.get('abstract', '')}\n\n{body}",
            encoding="utf-8",
        )
    (out / "pelicanconf.py").write_text(
        'SITENAME = "Synthetic collection"\nSITEURL = ""\nTIMEZONE = "UTC"\n'
        "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nDEFAULT_PAGINATION = False\n"
        'FEED_ALL_ATOM = "feeds/all.atom.xml"\nCATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n',
        encoding="utf-8",
    )
    return content


def pelican(out: Path) -> Run:
    """One Pelican build of the articles."""
    return run(
        [PYTHON, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
        cwd=out,
    )


def edit_tags(essay: Path) -> None:
    """Give one essay a new tag, as an editor would (in whichever front matter it has)."""
    text = essay.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = re.sub(r"^tags: \[?", lambda m: f"{m[0]}edited tag, ", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^Tags: ", "Tags: edited tag, ", text, count=1, flags=re.M)
    essay.write_text(text, encoding="utf-8")


def essay_page_kb(out: Path) -> float:
    """Mean size of an essay page, in KB."""
    pages = sorted((out / "essays").glob("*.html"))[::10]
    return statistics.mean(page.stat().st_size for page in pages) / 1024


def median(runs: list[Run]) -> Run:
    """The median run by time, with the median peak memory."""
    return Run(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.megabytes for run in runs),
    )


def peer_contenders(
    tmp: Path,
    size: int,
    collection: Callable[[str, bool], Path],
    row: dict[str, Run],
    pages: dict[str, float],
) -> None:
    """The naive sidebar, ablog and Pelican: once each (Pelican's edit, three times)."""
    root = as_floor(collection("naive", roles=False), sidebar=True)
    row["naive"] = sphinx(root, tmp / "naive-out")
    pages["naive"] = essay_page_kb(tmp / "naive-out")
    shutil.rmtree(tmp / "naive-out")
    root = as_ablog(collection("ablog", roles=False))
    row["ablog"] = sphinx(root, tmp / "ablog-out")
    pages["ablog"] = essay_page_kb(tmp / "ablog-out")
    shutil.rmtree(tmp / "ablog-out")
    pelican_out = tmp / "pelican"
    content = as_pelican(collection("pelican-src", roles=False), pelican_out)
    row["pelican"] = pelican(pelican_out)
    articles = sorted(content.glob("*.md"))
    edits = []
    for number in range(ROUNDS):
        edit_tags(articles[size // 2 + number])
        edits.append(pelican(pelican_out))
    row["pelican one essay"] = median(edits)


def html_contenders(tmp: Path, size: int, results: Results) -> None:
    """Every HTML contender at one size; the floor and presswork in interleaved rounds."""
    row: dict[str, Run] = {}
    pages: dict[str, float] = {}

    def collection(name: str, roles: bool) -> Path:
        return write_collection(
            tmp / name, size, sources=300, cites=3, roles=roles, index_pages=True
        )

    # The naive sidebar costs the square of the collection (9 minutes at 1,000 essays): at
    # 10,000 only the floor and presswork are built, to show the cost per essay.
    peers = size <= NAIVE_UP_TO
    if peers:
        peer_contenders(tmp, size, collection, row, pages)
    floor = as_floor(collection("floor", roles=False), sidebar=False)
    press = collection("presswork", roles=True)
    conf = press / "conf.py"
    conf.write_text(conf.read_text() + 'presswork_site_url = "https://press.example/"\n')
    floor_out, builddir = tmp / "floor-out", tmp / "presswork-build"
    runs: dict[str, list[Run]] = {}
    for number in range(ROUNDS):  # full builds, one after the other, from nothing
        shutil.rmtree(floor_out, ignore_errors=True)
        shutil.rmtree(builddir, ignore_errors=True)
        runs.setdefault("floor", []).append(sphinx(floor, floor_out))
        runs.setdefault("presswork", []).append(sphinx(press, builddir / "html"))
        if number == 0:
            pages["floor"] = essay_page_kb(floor_out)
            pages["presswork"] = essay_page_kb(builddir / "html")
    shutil.rmtree(builddir)
    row["presswork make html"] = make("html", press, builddir)
    for number in range(ROUNDS):  # the same edit, and no change, for both
        runs.setdefault("floor no change", []).append(sphinx(floor, floor_out))
        runs.setdefault("presswork no change", []).append(make("html", press, builddir))
        edit_tags(essays_of(floor)[size // 2 + number])
        edit_tags(essays_of(press)[size // 2 + number])
        runs.setdefault("floor one essay", []).append(sphinx(floor, floor_out))
        runs.setdefault("presswork one essay", []).append(make("html", press, builddir))
    row.update({name: median(measured) for name, measured in runs.items()})
    shutil.rmtree(builddir)
    if peers:
        row["presswork -j 2"] = sphinx(press, tmp / "parallel", "html", "-j", "2")
    results.rows[size] = row
    results.pages[size] = pages
    for name in list(row):
        print(f"  {size:>6} {name:<24} {row[name].seconds:8.1f} s {row[name].megabytes:7.0f} MB")
    sys.stdout.flush()


def epub_contenders(tmp: Path, size: int, results: Results) -> None:
    """Sphinx's own EPUB and one EPUBCheck, against `make epub` with every essay's book."""
    from presswork.epub.validate import jar  # noqa: PLC0415

    floor = as_floor(write_collection(tmp / "floor", size, sources=300, roles=False), False)
    conf = floor / "conf.py"  # what a valid EPUB needs of plain Sphinx: rights and a version
    conf.write_text(conf.read_text() + 'copyright = "2026"\nversion = release = "1"\n')
    sphinx_epub = sphinx(floor, tmp / "floor-epub", "epub")
    book = next((tmp / "floor-epub").glob("*.epub"))
    one_check = run(["java", "-jar", str(jar()), str(book), "-q"])
    root = write_collection(tmp / "presswork", size, sources=300)
    builddir = tmp / "presswork-build"
    full = make("epub", root, builddir)
    again = make("epub", root, builddir)
    books = len(list((builddir / "epub").rglob("*.epub")))
    row = results.rows.setdefault(size, {})
    row["sphinx epub"] = sphinx_epub
    row["one epubcheck"] = one_check
    row["presswork make epub"] = full
    row["presswork make epub, no change"] = again
    results.notes.append(f"EPUB at {size} essays: presswork made and checked {books} books")
    for name in ("sphinx epub", "one epubcheck", "presswork make epub"):
        print(f"  {size:>6} {name:<24} {row[name].seconds:8.1f} s")
    print(f"  {size:>6} {'presswork epub no change':<24} {again.seconds:8.1f} s")


def latex_contenders(tmp: Path, size: int, results: Results) -> None:
    """Plain Sphinx's XeLaTeX book against `make latexpdf`, Latin-only and multi-script."""
    row = results.rows.setdefault(size, {})
    for scripts in (False, True):
        label = "multi-script" if scripts else "latin"
        floor = as_floor(
            write_collection(tmp / f"floor-{label}", size, roles=False, conf_extra=XELATEX), False
        )
        root = write_collection(tmp / f"presswork-{label}", size)
        if scripts:
            for project in (floor, root):
                (project / "essays" / "every-script.md").write_text(MULTI_SCRIPT, "utf-8")
        out = tmp / f"floor-{label}-latex"
        latex = sphinx(floor, out, "latex")
        typeset = run(["make", "-C", str(out), "all-pdf"], env={"LATEXMKOPTS": "-silent"})
        row[f"sphinx xelatex {label}"] = Run(latex.seconds + typeset.seconds, typeset.megabytes)
        row[f"presswork latexpdf {label}"] = make("latexpdf", root, tmp / f"presswork-{label}-b")
        for name in (f"sphinx xelatex {label}", f"presswork latexpdf {label}"):
            print(f"  {size:>6} {name:<28} {row[name].seconds:8.1f} s")


# Plain Sphinx's XeLaTeX build, in the same main fonts as presswork's (its default, GNU
# FreeFont, is not installed here).
XELATEX = (
    'latex_engine = "xelatex"\n'
    'latex_elements = {"fontpkg": r"\\setmainfont{Noto Serif}\\setsansfont{Noto Sans}'
    '\\setmonofont{Noto Sans Mono}"}'
)
NAIVE_UP_TO = 1000
ROUNDS = 3  # the floor's and presswork's builds: the median of three, interleaved


def ratios(results: Results, size: int) -> list[tuple[str, float, float]]:
    """(target, measured, limit) for every target measured at ``size``."""
    row = results.rows.get(size, {})
    found = []

    def add(key: str, value: float) -> None:
        label, limit = TARGETS[key]
        found.append((label, value, limit))

    if "presswork" in row:
        add("full", row["presswork"].seconds / row["floor"].seconds)
        add("no change", row["presswork no change"].seconds / row["floor no change"].seconds)
        add("one essay", row["presswork one essay"].seconds / row["floor one essay"].seconds)
        if "pelican one essay" in row:
            add("pelican", row["presswork one essay"].seconds / row["pelican one essay"].seconds)
        add("memory", row["presswork"].megabytes / row["floor"].megabytes)
        add("page", results.pages[size]["presswork"])
    if "presswork make epub" in row:
        baseline = row["sphinx epub"].seconds + row["one epubcheck"].seconds
        add("epub", row["presswork make epub"].seconds / baseline)
    if "presswork latexpdf multi-script" in row:
        plain = row["sphinx xelatex multi-script"].seconds
        add("latex", row["presswork latexpdf multi-script"].seconds / plain)
    return found


def report(results: Results, earlier: set[str] | frozenset[str] = frozenset()) -> str:
    """The results as a Markdown section: machine, date, times, cost per essay, targets."""
    again = f" ({', '.join(sorted(earlier))}: from the run before)" if earlier else ""
    lines = [
        f"Measured {dt.date.today().isoformat()} on {platform.machine()} Linux, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; one run, fresh "
        f"processes{again}.",
        "",
        "| essays | build | seconds | ms per essay | peak MB |",
        "|---:|:---|---:|---:|---:|",
    ]
    for size, row in sorted(results.rows.items()):
        for name, measured in row.items():
            per_essay = 1000 * measured.seconds / size
            lines.append(
                f"| {size} | {name} | {measured.seconds:.1f} | {per_essay:.1f} | "
                f"{measured.megabytes:.0f} |"
            )
    lines += [
        "",
        "| essays | essay page, KB: floor | naive | ablog | presswork |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size, pages in sorted(results.pages.items()):
        cells = " | ".join(
            f"{pages.get(n, 0):.1f}" for n in ("floor", "naive", "ablog", "presswork")
        )
        lines.append(f"| {size} | {cells} |")
    lines += ["", "| essays | target | measured | limit | met |", "|---:|:---|---:|---:|:---|"]
    for size in sorted(results.rows):
        for label, value, limit in ratios(results, size):
            met = "yes" if value <= limit else "no"
            lines.append(f"| {size} | {label} | {value:.2f} | {limit:g} | {met} |")
    lines += ["", *(f"- {note}" for note in results.notes)]
    return "\n".join(lines) + "\n"


def part_of(name: str) -> str:
    """Which part of the bench a measurement belongs to: html, epub or latex."""
    return next((part for part in ("epub", "latex") if part in name), "html")


def earlier_results(guide: Path, kept: set[str], sizes: set[int]) -> Results:
    """The measurements not made now, read back from the guide's last table: the parts not
    run, and the web site at sizes not built now."""
    results = Results()
    text = guide.read_text(encoding="utf-8") if guide.is_file() else ""
    for size, name, seconds, megabytes in re.findall(
        r"^\| (\d+) \| ([^|]+?) \| ([\d.]+) \| [\d.]+ \| (\d+) \|$", text, re.M
    ):
        if part_of(name) in kept or (part_of(name) == "html" and int(size) not in sizes):
            row = results.rows.setdefault(int(size), {})
            row[name] = Run(float(seconds), float(megabytes))
    for size, *cells in re.findall(
        r"^\| (\d+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$", text, re.M
    ):
        if "html" in kept or int(size) not in sizes:
            names = ("floor", "naive", "ablog", "presswork")
            results.pages[int(size)] = dict(zip(names, map(float, cells), strict=True))
    results.notes = [
        note
        for note in re.findall(r"^- (.+)$", text.split("<!-- bench:start -->")[-1], re.M)
        if part_of(note.split(" ", 1)[0].lower()) in kept
    ]
    return results


def write_guide(guide: Path, table: str) -> None:
    """Put the table into the guide page between its markers, the rest of the page kept."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = guide.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"{guide} has no {start} … {end} markers")
    before, rest = text.split(start, 1)
    guide.write_text(f"{before}{start}\n{table}{end}{rest.split(end, 1)[1]}", encoding="utf-8")


def main() -> int:
    """Run the contenders, print the table and the targets, and write them into the guide."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--huge", action="store_true", help="add a collection of 10,000 essays")
    parser.add_argument("--epub-size", type=int, default=100)
    parser.add_argument("--latex-size", type=int, default=200)
    parser.add_argument(
        "--only", nargs="+", choices=["html", "epub", "latex"], default=["html", "epub", "latex"]
    )
    parser.add_argument(
        "--guide", default=str(PROJECT / "docs" / "benchmarks.md"), help="'' writes no guide page"
    )
    args = parser.parse_args()
    # Compiled once, as on a machine that writes bytecode (this one sets PYTHONDONTWRITEBYTECODE,
    # which would make presswork, installed from its source folder, compile at every build).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(PROJECT / "src")], check=True)
    sizes = [*args.sizes, *([10_000] if args.huge else [])]
    # What is not measured now keeps what the guide's table says of it.
    kept = {"html", "epub", "latex"} - set(args.only)
    built = set(sizes) if "html" in args.only else set()
    results = earlier_results(Path(args.guide), kept, built) if args.guide else Results()
    earlier = set(kept) | {
        f"the web site at {size:,} essays"
        for size, row in results.rows.items()
        if "html" not in kept and any(part_of(name) == "html" for name in row)
    }
    with tempfile.TemporaryDirectory(prefix="presswork-peers-") as folder:
        tmp = Path(folder)
        parts = [(f"html-{size}", html_contenders, size) for size in sizes if "html" in args.only]
        if "epub" in args.only:
            parts.append(("epub", epub_contenders, args.epub_size))
        if "latex" in args.only:
            parts.append(("latex", latex_contenders, args.latex_size))
        for name, contenders, size in parts:
            try:
                contenders(tmp / name, size, results)
            except SystemExit as failure:  # one contender failed: say so, measure the rest
                results.notes.append(f"{name} at {size}: {str(failure).splitlines()[0]}")
                print(failure, file=sys.stderr)
    table = report(results, earlier)
    print(table)
    if args.guide:
        write_guide(Path(args.guide), table)
        print(f"written into {args.guide}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
