"""A thin MkDocs adapter: publishes module pages from ``modules/`` and the package's assets.

Events used:
- ``on_config``: load the curriculum (reporting data that does not load, so ``--strict`` fails),
  expand the ``Modules`` nav entry, and add our stylesheet and loader script. The full
  ``peer-curriculum check`` runs before the build (``make site``), not inside it: MkDocs already
  validates links and anchors, and the build stays fast.
- ``on_files``: add each module page of the chosen edition, and our assets, as generated files.
- ``on_page_content`` and ``on_post_page``: set quiz and scenario widgets aside while the search
  plugin indexes the page, and put them back into the finished HTML. Widgets are excluded from
  search anyway (``data-search-exclude``), but the search plugin parsed all of their HTML to skip
  it, which was a tenth of the build.
- ``on_serve``: watch the curriculum folders for live preview.

Everything else (models, checks, rendering) lives in the library; page blocks are rendered by
[peer_curriculum.markdown_ext][], which works without this plugin.
"""

from __future__ import annotations

import logging
import re
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from peer_curriculum.cache import cached_curriculum
from peer_curriculum.edition import expand_nav, module_pages
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import Curriculum
from peer_curriculum.markdown_ext import WIDGET_CLOSE, WIDGET_OPEN
from peer_curriculum.scenario.learner import learner_notebook
from peer_curriculum.scenario.site import notebook_site_path
from peer_curriculum.vocab import EDITIONS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.peer_curriculum")

ASSETS = ("peer.css", "peer.js", "quiz.css", "quiz.js", "scenario.css", "scenario.js")
"""Files copied from the package into the site; only peer.css and the tiny peer.js loader go on every page."""
ASSET_DIR = "assets/peer-curriculum"
_WIDGET = re.compile(re.escape(WIDGET_OPEN) + "(.*?)" + re.escape(WIDGET_CLOSE), re.DOTALL)
_SET_ASIDE = re.compile(r"<!--peer-widget:(\d+)-->")


class PeerCurriculumConfig(Config):
    """Options of the ``peer-curriculum`` plugin."""

    root = config_options.Type(str, default=".")
    """Folder holding ``curriculum/`` and ``modules/``, relative to ``mkdocs.yml``."""
    edition = config_options.Choice(EDITIONS, default="learner")
    """``learner`` leaves out every trainer-only page and block; ``trainer`` includes them.

    ```yaml
    plugins:
      - peer-curriculum:
          edition: !ENV [PEER_EDITION, learner]
    ```
    """


class PeerCurriculumPlugin(BasePlugin[PeerCurriculumConfig]):
    """Publishes the curriculum's module pages into an MkDocs site."""

    def __init__(self) -> None:
        self._curriculum: Curriculum | None = None
        self._root: Path | None = None
        self._widgets: dict[str, list[str]] = {}

    @property
    def curriculum(self) -> Curriculum:
        """The curriculum loaded in ``on_config``."""
        if self._curriculum is None:
            msg = "the curriculum is loaded in on_config; it is not available yet"
            raise RuntimeError(msg)
        return self._curriculum

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the curriculum, then expand the nav for this edition."""
        self._root = (Path(config.config_file_path).parent / self.config.root).resolve()
        reporter = Reporter(self._root)
        # Share the extension's cached load: the data is parsed once per build, not twice.
        self._curriculum = cached_curriculum(self._root, reporter)
        for finding in reporter.errors:
            log.warning("%s", finding.format())
        config.nav = expand_nav(config.nav, self._curriculum, self.config.edition)
        config.extra["peer_edition"] = self.config.edition
        crisis_country = self._curriculum.crisis_lines.configured() if self._curriculum.crisis_lines else None
        config.extra["peer_crisis_country"] = crisis_country.name if crisis_country else None
        config.extra_css.append(f"{ASSET_DIR}/peer.css")
        config.extra_javascript.append(ExtraScriptValue(f"{ASSET_DIR}/peer.js"))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the edition's module pages and our assets."""
        for page in module_pages(self.curriculum, self.config.edition):
            if files.get_file_from_path(page.site_path) is not None:
                msg = f"{page.path}: the site already has a page at {page.site_path}; rename one of them"
                raise PluginError(msg)
            files.append(File.generated(config, page.site_path, abs_src_path=str(page.path)))
        for scenario in self.curriculum.scenarios:
            site_path = notebook_site_path(scenario)
            if self.config.edition == "trainer":
                files.append(File.generated(config, site_path, abs_src_path=str(scenario.path)))
            else:  # rubrics are for trainers
                files.append(File.generated(config, site_path, content=learner_notebook(scenario.path)))
        assets = package_files("peer_curriculum") / "assets"
        for name in ASSETS:
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", content=(assets / name).read_bytes()))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Set the page's widgets aside, leaving a numbered marker for each."""
        widgets: list[str] = []

        def set_aside(match: re.Match[str]) -> str:
            widgets.append(match.group(1))
            return f"<!--peer-widget:{len(widgets) - 1}-->"

        html = _WIDGET.sub(set_aside, html)
        if widgets:
            self._widgets[page.file.src_uri] = widgets
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Put the page's widgets back in place of their markers."""
        widgets = self._widgets.pop(page.file.src_uri, None)
        if not widgets:
            return output
        return _SET_ASIDE.sub(lambda match: widgets[int(match.group(1))], output)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when curriculum sources change."""
        if self._root is not None:
            for folder in ("curriculum", "modules", "quizzes", "scenarios"):
                if (self._root / folder).is_dir():
                    server.watch(str(self._root / folder))
        return server
