"""Validate data against a model and report each error at its source line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from pathlib import Path

    from peer_curriculum.findings import Reporter
    from peer_curriculum.sourcefile import LineMap

ModelT = TypeVar("ModelT", bound=BaseModel)


def describe_location(location: tuple[str | int, ...]) -> str:
    """Render a pydantic ``loc`` as ``objectives[2].competencies``."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "document"


def _explain(error: dict[str, Any], model: type[BaseModel]) -> str:
    where = describe_location(tuple(error["loc"]))
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field `{error['loc'][-1]}`; check its spelling or remove it"
    if kind == "missing":
        return f"`{where}` is required; add it"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        message = "must be a lowercase slug of letters, digits and single hyphens, like `open-questions`"
    return f"`{where}`: {message}"


def _data_location(data: Any, location: tuple[str | int, ...], *, missing: bool) -> tuple[str | int, ...]:
    """Drop the parts of a pydantic ``loc`` that are not in the data (the tags of discriminated unions)."""
    cleaned: list[str | int] = []
    current = data
    for number, part in enumerate(location):
        if isinstance(current, dict) and part in current:  # noqa: SIM114 - separate branches let mypy narrow the types
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif number < len(location) - 1 or not missing or not isinstance(current, dict):
            continue  # a union tag such as "single": not a key of the document (a missing field is kept)
        cleaned.append(part)
    return tuple(cleaned)


def validate(
    model: type[ModelT], data: Any, path: Path, lines: LineMap, reporter: Reporter, prefix: tuple[str | int, ...] = ()
) -> ModelT | None:
    """Validate ``data`` against ``model``; report each error at its line and return None on failure.

    A model validator can point at one field of the object it checks by raising
    ``PydanticCustomError(kind, message, {"field": name})``.
    """
    try:
        return model.model_validate(data)
    except ValidationError as errors:
        for error in errors.errors():
            location = _data_location(data, tuple(error["loc"]), missing=error["type"] == "missing")
            field_hint = (error.get("ctx") or {}).get("field")
            if field_hint:
                location = (*location, field_hint)
            location = (*prefix, *location)
            reporter.error(path, lines.line_of(location), _explain({**error, "loc": location}, model))
        return None
