"""Load the curriculum from its folder into validated models, reporting every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import BaseModel

from peer_curriculum.models import (
    CompetencyFramework,
    CrisisLines,
    Glossary,
    ModuleMeta,
    PageMeta,
    TrackList,
)
from peer_curriculum.quiz.bank import LoadedBank, bank_paths, load_bank, questions
from peer_curriculum.scenario.notebook import Scenario, load_scenario, scenario_paths
from peer_curriculum.sourcefile import LineMap, MarkdownSource, SourceError, read_markdown, read_yaml
from peer_curriculum.validation import validate
from peer_curriculum.vocab import TRAINER_DIR

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter

ModelT = TypeVar("ModelT", bound=BaseModel)

PageKind = Literal["docs", "module", "lesson", "trainer"]

COMPETENCIES_FILE = "curriculum/competencies.yml"
TRACKS_FILE = "curriculum/tracks.yml"
GLOSSARY_FILE = "curriculum/glossary.yml"
CRISIS_LINES_FILE = "curriculum/crisis-lines.yml"
MODULES_DIR = "modules"
DOCS_DIR = "docs"


@dataclass
class Page:
    """A Markdown page of the site, wherever its source lives."""

    source: MarkdownSource
    site_path: str
    """Path inside the site's docs tree, e.g. ``modules/active-listening/index.md``."""
    kind: PageKind
    module_id: str | None = None
    meta: PageMeta | None = None

    @property
    def path(self) -> Path:
        """The source file."""
        return self.source.path

    @property
    def trainer_only(self) -> bool:
        """Whether the page belongs only in the trainer edition."""
        return self.kind == "trainer"


@dataclass
class Module:
    """A module folder: its overview page, lessons and trainer pages."""

    folder: Path
    meta: ModuleMeta
    index: Page
    lessons: list[Page] = field(default_factory=list)
    trainer_pages: list[Page] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The module id."""
        return self.meta.id

    @property
    def pages(self) -> list[Page]:
        """Every page of the module, overview first, trainer pages last."""
        return [self.index, *self.lessons, *self.trainer_pages]


@dataclass
class Located:
    """A validated model with the lines of its source values."""

    path: Path
    lines: LineMap


@dataclass
class Curriculum:
    """Everything the site and the tools are built from."""

    root: Path
    framework: CompetencyFramework | None = None
    tracks: TrackList | None = None
    glossary: Glossary | None = None
    crisis_lines: CrisisLines | None = None
    """Emergency numbers and crisis lines by country, and the country the site shows."""
    modules: list[Module] = field(default_factory=list)
    docs_pages: list[Page] = field(default_factory=list)
    locations: dict[str, Located] = field(default_factory=dict)
    """Source file and line map of each data file, by its curriculum-relative name."""
    banks: list[LoadedBank] = field(default_factory=list)
    """Quiz banks from ``quizzes/``, validated."""
    scenarios: list[Scenario] = field(default_factory=list)
    """Scenario notebooks from ``scenarios/``, validated."""
    assessed_objectives: dict[str, list[tuple[Path, int]]] = field(default_factory=dict)
    """Objective id -> places (quiz items, scenarios) that assess it."""

    def module(self, module_id: str) -> Module | None:
        """Return the module with ``module_id``, if any."""
        return next((module for module in self.modules if module.id == module_id), None)

    @property
    def pages(self) -> list[Page]:
        """Every page: site pages first, then module pages."""
        return [*self.docs_pages, *(page for module in self.modules for page in module.pages)]


def _load_data(root: Path, name: str, model: type[ModelT], curriculum: Curriculum, reporter: Reporter) -> ModelT | None:
    path = root / name
    if not path.is_file():
        reporter.error(path, 1, f"missing data file {name}; create it (see docs/about/contributing.md)")
        return None
    try:
        document = read_yaml(path)
    except SourceError as error:
        reporter.error(error.path, error.line, error.message)
        return None
    curriculum.locations[name] = Located(path, document.lines)
    if not isinstance(document.data, dict):
        reporter.error(path, 1, "expected a YAML mapping at the top of the file")
        return None
    return validate(model, document.data, path, document.lines, reporter)


def _read_page(path: Path, site_path: str, kind: PageKind, module_id: str | None, reporter: Reporter) -> Page | None:
    try:
        source = read_markdown(path)
    except SourceError as error:
        reporter.error(error.path, error.line, error.message)
        return None
    page = Page(source, site_path, kind, module_id)
    if kind != "module":
        page.meta = validate(PageMeta, source.meta, path, source.meta_lines, reporter)
    return page


def _load_module(folder: Path, root: Path, reporter: Reporter) -> Module | None:
    index_path = folder / "index.md"
    if not index_path.is_file():
        reporter.error(folder, 1, "module folder has no index.md; copy modules/_template/index.md")
        return None
    site_prefix = f"{MODULES_DIR}/{folder.name}"
    index = _read_page(index_path, f"{site_prefix}/index.md", "module", folder.name, reporter)
    if index is None:
        return None
    meta = validate(ModuleMeta, index.source.meta, index_path, index.source.meta_lines, reporter)
    if meta is None:
        return None
    if meta.id != folder.name:
        reporter.error(
            index_path,
            index.source.meta_lines.line_of(("id",)),
            f"module id `{meta.id}` differs from its folder name `{folder.name}`; make them the same",
        )
    module = Module(folder, meta, index)
    listed = set()
    for number, name in enumerate(meta.lessons):
        listed.add(name)
        lesson_path = folder / name
        if not lesson_path.is_file():
            reporter.error(
                index_path,
                index.source.meta_lines.line_of(("lessons", number)),
                f"lesson `{name}` is listed but {lesson_path.relative_to(root)} does not exist",
            )
            continue
        lesson = _read_page(lesson_path, f"{site_prefix}/{name}", "lesson", meta.id, reporter)
        if lesson is not None:
            module.lessons.append(lesson)
    for stray in sorted(folder.glob("*.md")):
        if stray.name != "index.md" and stray.name not in listed:
            reporter.error(stray, 1, f"lesson page is not listed in `lessons:` of {index_path.relative_to(root)}; add it")
    trainer_folder = folder / TRAINER_DIR
    for trainer_path in sorted(trainer_folder.rglob("*.md")):
        relative = trainer_path.relative_to(folder).as_posix()
        page = _read_page(trainer_path, f"{site_prefix}/{relative}", "trainer", meta.id, reporter)
        if page is not None:
            module.trainer_pages.append(page)
    return module


def _load_banks(root: Path, curriculum: Curriculum, reporter: Reporter) -> None:
    """Load every quiz bank and note which objectives its items assess."""
    for path in bank_paths(root):
        loaded = load_bank(path, reporter)
        if loaded is None:
            continue
        curriculum.banks.append(loaded)
        for question in questions(loaded.bank):
            line = loaded.lines.line_of((*question.location, "objectives"))
            for objective in question.objectives:
                curriculum.assessed_objectives.setdefault(objective, []).append((path, line))


def _load_scenarios(root: Path, curriculum: Curriculum, reporter: Reporter, *, notebook_schema: bool) -> None:
    """Load every scenario notebook and note which objectives it practices and assesses."""
    for path in scenario_paths(root):
        scenario = load_scenario(path, reporter, schema=notebook_schema)
        if scenario is None:
            continue
        curriculum.scenarios.append(scenario)
        for objective in scenario.meta.objectives:
            curriculum.assessed_objectives.setdefault(objective, []).append((path, scenario.meta_line))


def load_curriculum(root: Path, reporter: Reporter, *, notebook_schema: bool = True) -> Curriculum:
    """Load and validate everything under ``root``.

    Arguments:
        root: The project folder (holding ``curriculum/``, ``modules/``, ``docs/``).
        reporter: Receives every schema and syntax problem.
        notebook_schema: Validate scenario notebooks against the nbformat schema too (site builds skip
            it: importing the validator costs more than the rest of the loading).

    Returns:
        The curriculum, with invalid parts left out.
    """
    root = root.resolve()
    curriculum = Curriculum(root)
    curriculum.framework = _load_data(root, COMPETENCIES_FILE, CompetencyFramework, curriculum, reporter)
    curriculum.tracks = _load_data(root, TRACKS_FILE, TrackList, curriculum, reporter)
    curriculum.glossary = _load_data(root, GLOSSARY_FILE, Glossary, curriculum, reporter)
    curriculum.crisis_lines = _load_data(root, CRISIS_LINES_FILE, CrisisLines, curriculum, reporter)
    modules_dir = root / MODULES_DIR
    for folder in sorted(modules_dir.iterdir()) if modules_dir.is_dir() else []:
        if folder.is_dir() and not folder.name.startswith(("_", ".")):
            module = _load_module(folder, root, reporter)
            if module is not None:
                curriculum.modules.append(module)
    docs_dir = root / DOCS_DIR
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        page = _read_page(path, path.relative_to(docs_dir).as_posix(), "docs", None, reporter)
        if page is not None:
            curriculum.docs_pages.append(page)
    _load_banks(root, curriculum, reporter)
    _load_scenarios(root, curriculum, reporter, notebook_schema=notebook_schema)
    return curriculum
