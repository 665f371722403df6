"""Benchmark: our full site build against a plain mkdocs-material build of the same Markdown pages.

Both builds run in this one invocation, interleaved, as real `mkdocs build` processes (so import
time counts), and the report gives each median and their ratio.

    .venv/bin/python bench/build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from peer_curriculum import Reporter, load_curriculum  # noqa: E402
from peer_curriculum.edition import module_pages  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"

PLAIN_CONFIG = """\
site_name: Plain baseline
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.top, navigation.footer, search.highlight, toc.follow]
plugins: [search]
markdown_extensions: [admonition, attr_list, def_list, md_in_html, tables, {toc: {permalink: true}}, pymdownx.details, pymdownx.superfences]
"""


def make_baseline(workdir: Path) -> Path:
    """Copy every page of the learner edition, as plain Markdown, into a stock Material project."""
    project = workdir / "plain"
    docs = project / "docs"
    shutil.copytree(ROOT / "docs", docs)
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    for page in module_pages(curriculum, "learner"):
        target = docs / page.site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page.path, target)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return project


def timed_build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "--quiet", "--site-dir", str(site)], cwd=project, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        baseline = make_baseline(workdir)
        pages = len(list((baseline / "docs").rglob("*.md")))
        ours, plain = [], []
        timed_build(ROOT, workdir / "warm-ours")  # first runs pay for cold file caches; not counted
        timed_build(baseline, workdir / "warm-plain")
        for run in range(args.runs):
            plain.append(timed_build(baseline, workdir / f"plain-{run}"))
            ours.append(timed_build(ROOT, workdir / f"ours-{run}"))
    ours_median, plain_median = statistics.median(ours), statistics.median(plain)
    print(f"pages: {pages} (learner edition), runs: {args.runs} each, interleaved")
    print(f"plain mkdocs-material build: median {plain_median:.2f} s (min {min(plain):.2f}, max {max(plain):.2f})")
    print(f"our full build:              median {ours_median:.2f} s (min {min(ours):.2f}, max {max(ours):.2f})")
    print(f"ratio ours/plain: {ours_median / plain_median:.2f} ({(ours_median / plain_median - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
