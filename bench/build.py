"""Benchmark: our full site build against the same site built by mkdocs-material without our package.

The question a site owner asks is what adding our package costs. Two baselines answer it, both
built from our `mkdocs.yml` (theme, palettes, features, link validation, standard Markdown
extensions) with our plugin, our Markdown extension and our template overrides removed, and the
navigation left to MkDocs, from each page as a learner sees it (trainer-only blocks removed):

- **written out** (the target's baseline): every data block (objectives, role cards, rubrics,
  glossary, module facts, crisis lines...) replaced by the Markdown our library renders for it, as
  if an author had typed it into the page; only the interactive widgets (quiz forms, scenario
  players) are left out. The difference is our package's own cost: importing and loading the
  curriculum, rendering blocks, the widgets, and the plugin's work on every page.
- **blocks as text**: the blocks left in as unrendered text. Against it, everything the blocks
  render counts as our cost too, including ordinary content such as a 90-term glossary.

A third build, stock Material with a minimal config, is reported for reference.

All builds run in this one invocation, interleaved, as real `mkdocs build` processes (so import
time counts), and the report gives each median and the ratios. With ``--pages N`` (default 60)
a copy of the project gets extra lesson pages (real lesson text; every sixth page holds the
practice quiz) until the learner edition has N pages, so the ratio is measured at a realistic size.

    .venv/bin/python bench/build.py [--runs 5] [--pages 60]
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
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from peer_curriculum import Reporter, load_curriculum  # noqa: E402
from peer_curriculum.blocks import iter_blocks  # noqa: E402
from peer_curriculum.edition import module_pages  # noqa: E402
from peer_curriculum.loader import Curriculum  # noqa: E402
from peer_curriculum.markdown_ext import WIDGET_STARTS  # noqa: E402
from peer_curriculum.render import BlockError, render_block  # noqa: E402
from peer_curriculum.vocab import TRAINER_ONLY_BLOCKS  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"

STOCK_CONFIG = """\
site_name: Stock baseline
docs_dir: docs
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.top, navigation.footer, search.highlight, toc.follow]
plugins: [search]
markdown_extensions: [admonition, attr_list, def_list, md_in_html, tables, {toc: {permalink: true}}, pymdownx.details, pymdownx.superfences]
"""


SOURCES = ("curriculum", "modules", "quizzes", "scenarios", "docs", "overrides", "mkdocs.yml")


def make_ours(workdir: Path, pages: int) -> Path:
    """A copy of the project's sources, padded with a synthetic module up to ``pages`` learner pages."""
    project = workdir / "ours"
    project.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copyfile(source, project / name)
    current = len(module_pages(load_curriculum(project, Reporter(project)), "learner")) + len(list((project / "docs").rglob("*.md")))
    extra = max(0, pages - current - 1)
    if extra:
        folder = project / "modules" / "bench-extra"
        folder.mkdir()
        lesson = (ROOT / "modules/active-listening/why-listening.md").read_text(encoding="utf-8").split("---\n", 2)[2]
        names = [f"lesson-{number:03}.md" for number in range(extra)]
        for number, name in enumerate(names):
            quiz = "\n::: quiz active-listening\n:::\n" if number % 6 == 5 else ""
            body = lesson.replace("# ", f"# Page {number}: ", 1)
            (folder / name).write_text(f"---\ntitle: Bench page {number}\n---\n\n{body}{quiz}", encoding="utf-8")
        (folder / "index.md").write_text(
            "---\nid: bench-extra\ntitle: Benchmark pages\nstatus: draft\nsummary: Synthetic pages for bench/build.py.\n"
            "self_study_hours: 1\nworkshop_hours: 0\nobjectives:\n  - id: bench-extra-objective\n    text: Read.\n"
            "    competencies: [listen-with-attention]\n"
            f"lessons: [{', '.join(names)}]\n---\n\n# Benchmark pages\n\n::: lessons bench-extra\n:::\n",
            encoding="utf-8",
        )
    return project


def learner_text(markdown: str) -> str:
    """The page as a learner reads it: trainer-only blocks removed, as the learner edition removes them."""
    lines = markdown.splitlines(keepends=True)
    drop: set[int] = set()
    for block in iter_blocks(lines):
        if block.name in TRAINER_ONLY_BLOCKS:
            drop.update(range(block.start, (block.end if block.end is not None else len(lines) - 1) + 1))
    return "".join(line for number, line in enumerate(lines) if number not in drop)


def written_out_text(curriculum: Curriculum, markdown: str) -> str:
    """The learner's page with each block replaced by the Markdown it renders, interactive widgets left out."""
    lines = markdown.splitlines(keepends=True)
    output: list[str] = []
    cursor = 0
    for block in iter_blocks(lines):
        end = block.end if block.end is not None else len(lines) - 1
        output.extend(lines[cursor : block.start])
        cursor = end + 1
        if block.name in TRAINER_ONLY_BLOCKS:
            continue
        try:
            rendered = render_block(curriculum, block, "learner")
        except BlockError:
            output.extend(lines[block.start : cursor])
            continue
        paragraphs = [p for p in rendered.split("\n\n") if not p.startswith(WIDGET_STARTS)]
        output.append("\n" + "\n\n".join(paragraphs) + "\n\n")
    output.extend(lines[cursor:])
    return "".join(output)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving ``!ENV [NAME, default]`` to its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type, union-attr]


def without_our_package(config_text: str) -> str:
    """Our site configuration with our plugin, Markdown extension, overrides and expanded nav removed."""
    config: dict[str, Any] = yaml.load(config_text, Loader=_ConfigLoader)
    config["site_name"] = "Baseline: our site without our package"
    config.pop("site_dir", None)
    config.pop("nav", None)
    config["strict"] = False
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "peer-curriculum" in p)]
    config["markdown_extensions"] = [
        e
        for e in config["markdown_extensions"]
        if not (e == "peer_curriculum.markdown_ext" or (isinstance(e, dict) and "peer_curriculum.markdown_ext" in e))
    ]
    return yaml.safe_dump(config, sort_keys=False)


def make_baseline(workdir: Path, ours: Path, name: str, config: str, *, write_out: bool = False) -> Path:
    """Copy every page of the learner edition into a Material project with ``config``.

    With ``write_out``, blocks become the Markdown they render (`written_out_text`); otherwise they stay as text.
    """
    project = workdir / name
    docs = project / "docs"
    curriculum = load_curriculum(ours, Reporter(ours))
    shutil.copytree(ours / "docs", docs)
    sources = [(docs / path.relative_to(ours / "docs"), path) for path in (ours / "docs").rglob("*.md")]
    sources += [(docs / page.site_path, page.path) for page in module_pages(curriculum, "learner")]
    for target, source in sources:
        text = source.read_text(encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(written_out_text(curriculum, text) if write_out else learner_text(text), encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def timed_build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "--quiet", "--site-dir", str(site)], cwd=project, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind (default 5)")
    parser.add_argument("--pages", type=int, default=60, help="pad the site to this many pages (default 60; 0: the real site)")
    args = parser.parse_args()
    kinds = ("ours", "written", "baseline", "stock")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as temp:
        workdir = Path(temp)
        project = make_ours(workdir, args.pages) if args.pages else ROOT
        config = without_our_package((project / "mkdocs.yml").read_text(encoding="utf-8"))
        projects = {
            "ours": project,
            "written": make_baseline(workdir, project, "written", config, write_out=True),
            "baseline": make_baseline(workdir, project, "baseline", config),
            "stock": make_baseline(workdir, project, "stock", STOCK_CONFIG),
        }
        pages = len(list((projects["baseline"] / "docs").rglob("*.md")))
        for kind in kinds:  # first runs pay for cold file caches; not counted
            timed_build(projects[kind], workdir / f"warm-{kind}")
        for run in range(args.runs):
            for kind in kinds:
                times[kind].append(timed_build(projects[kind], workdir / f"{kind}-{run}"))
    median = {kind: statistics.median(values) for kind, values in times.items()}
    labels = {
        "written": "same site, blocks written out",
        "baseline": "same site, blocks as text",
        "stock": "stock Material, minimal config",
        "ours": "our full build",
    }
    print(f"pages: {pages} (learner edition), runs: {args.runs} each, interleaved")
    for kind in ("written", "baseline", "stock", "ours"):
        values = times[kind]
        print(f"{labels[kind] + ':':34} median {median[kind]:.2f} s (min {min(values):.2f}, max {max(values):.2f})")
    for kind in ("written", "baseline", "stock"):
        ratio = median["ours"] / median[kind]
        print(f"ratio ours / {labels[kind] + ':':34} {ratio:.2f} ({(ratio - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
