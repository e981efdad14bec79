"""Reading a large WordPress export: peak memory stays flat as the export grows.

Writes synthetic exports of about 5 and 50 MB (posts of ~25 kB each), reads every item with
presswork's reader and reports the peak memory Python allocated (tracemalloc) for each.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from presswork.importers.wxr import Export, read_export

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
    "<channel><title>Bench</title><wp:wxr_version>1.2</wp:wxr_version>\n"
)
PARAGRAPH = "<p>The committee met again on Thursday and the minutes were read aloud. </p>" * 330


def write_export(path: Path, posts: int) -> int:
    """An export of ``posts`` posts; its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for number in range(posts):
            out.write(
                f"<item><title>Post {number}</title><dc:creator>bench</dc:creator>"
                f"<content:encoded><![CDATA[{PARAGRAPH}]]></content:encoded>"
                f"<wp:post_id>{number}</wp:post_id><wp:post_name>post-{number}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
            )
        out.write("</channel></rss>\n")
    return path.stat().st_size


def measure(path: Path) -> tuple[int, float, float]:
    """Items read, peak memory in MB, seconds."""
    tracemalloc.start()
    start = time.perf_counter()
    count = sum(1 for _ in read_export(path, Export()))
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak / 1e6, seconds


def main() -> None:
    """Print peak memory for a small and a ten-times larger export, and their ratio."""
    with tempfile.TemporaryDirectory() as folder:
        results = []
        for posts in (200, 2000):
            path = Path(folder) / f"export-{posts}.xml"
            size = write_export(path, posts)
            count, peak, seconds = measure(path)
            results.append(peak)
            print(
                f"wordpress: {size / 1e6:5.1f} MB export, {count} items: "
                f"peak {peak:5.1f} MB, {seconds:4.1f} s"
            )
        print(f"wordpress: peak memory ratio for 10x the export: {results[1] / results[0]:.2f}x")


if __name__ == "__main__":
    main()
