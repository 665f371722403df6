"""Controlled vocabularies shared by the models, the checkers and the renderers."""

from __future__ import annotations

SAMHSA_CATEGORIES: dict[int, str] = {
    1: "Engages peers in collaborative and caring relationships",
    2: "Provides support",
    3: "Shares lived experiences of recovery",
    4: "Personalizes peer support",
    5: "Supports recovery planning",
    6: "Links to resources, services, and supports",
    7: "Provides information about skills related to health, wellness, and recovery",
    8: "Helps peers to manage crises",
    9: "Values communication",
    10: "Supports collaboration and teamwork",
    11: "Promotes leadership and advocacy",
    12: "Promotes growth and development",
}
"""The 12 categories of SAMHSA's *Core Competencies for Peer Workers in Behavioral Health Services* (2015)."""

ICRC_DOMAINS: dict[str, str] = {
    "advocacy": "Advocacy",
    "mentoring-education": "Mentoring/Education",
    "recovery-wellness-support": "Recovery/Wellness Support",
    "ethical-responsibility": "Ethical Responsibility",
}
"""The four performance domains of the IC&RC Peer Recovery credential."""

MODULE_STATUSES = ("planned", "draft", "published")
"""Life cycle of a module: planned modules may have no objectives or lessons yet."""

EDITIONS = ("learner", "trainer")
"""The learner edition never contains trainer-only content; the trainer edition adds it."""

NOTE_STYLES: dict[str, tuple[str, str]] = {
    "content-note": ("Content note", "⚠"),
    "trainer-note": ("Facilitator note", "✎"),
}
"""Label and icon of each note block; the label is text, so meaning never rests on the icon or colour."""

TRAINER_ONLY_BLOCKS = frozenset({"trainer-note", "assessment-key"})
"""Blocks dropped from the learner edition."""

SENSITIVE_TERMS = (
    "suicid",
    "self-harm",
    "self harm",
    "overdos",
    "sexual abuse",
    "child abuse",
    "domestic violence",
    "assault",
    "rape",
    "kill themselves",
    "killing themselves",
    "kill myself",
    "end their life",
    "end my life",
)
"""Word stems that make a page sensitive: it then needs a content note before the first of them."""

TRAINER_DIR = "trainer"
"""Folder inside a module whose pages appear only in the trainer edition."""

CRISIS_LINE_MODULES = frozenset({"crisis-referral"})
"""Modules whose every learner page must show the configured crisis lines (``::: crisis-lines``)."""
