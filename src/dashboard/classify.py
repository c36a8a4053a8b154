"""Rule-based classification at build time: instrument types (施策手法) and Expo linkage.

Rules are data (data/source/instrument_rules.csv, data/source/expo_rules.csv); this module only
applies them. Each rule is a regular expression searched in an initiative's text (a plain keyword is
a regular expression that matches itself). Pure functions: no file reads, inputs are not mutated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .schema import INSTRUMENT_CODES

OVERRIDE_SEPARATOR = ";"
FROM_SUB_ITEMS = "from sub-items"  # evidence of a heading typed by its sub-items (see `classify`)
OVERRIDE = "override (instrument_override)"
INHERITED = "inherited from parent"


@dataclass(frozen=True)
class Rule:
    """One classification rule: where it comes from, what it assigns, what it looks for."""

    rule_id: str
    type: str  # an instrument type code; "" for Expo rules
    pattern: re.Pattern[str]
    note: str = ""


@dataclass(frozen=True)
class Classification:
    """The instrument types of one initiative (taxonomy order) and why it has each."""

    types: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """One stored evidence line read back (`read_evidence`), for wording it for people."""

    type: str  # an instrument type code; "" for Expo evidence
    kind: str  # "text" (words of the item's own text), "override", "sub_items" or "parent"
    words: tuple[str, ...] = ()  # the matched words ("text")
    ids: tuple[str, ...] = ()  # the sub-items ("sub_items") or the parent ("parent")


@dataclass(frozen=True)
class ExpoLink:
    """Whether an initiative ties itself to Expo 2025, and why (None when it does not)."""

    related: bool
    evidence: str | None


def rule(rule_id: str, type_: str, pattern: str, note: str = "") -> Rule:
    """A Rule from its source fields (the pattern is compiled; re.error if it is invalid)."""
    return Rule(rule_id, type_, re.compile(pattern), note)


def parse_override(value: str) -> tuple[str, ...]:
    """The type codes of an `instrument_override` cell ("funding; rnd" → ("funding", "rnd"))."""
    return tuple(code.strip() for code in value.split(OVERRIDE_SEPARATOR) if code.strip())


def matches(text: str, rules: Iterable[Rule]) -> list[tuple[Rule, str]]:
    """Every rule whose pattern occurs in `text`, with the first text it matched, in rule order."""
    found = []
    for r in rules:
        m = r.pattern.search(text)
        if m is not None:
            found.append((r, m.group(0)))
    return found


def _in_taxonomy_order(codes: Iterable[str]) -> tuple[str, ...]:
    wanted = set(codes)
    return tuple(c for c in INSTRUMENT_CODES if c in wanted)


def classify_text(text: str, rules: Iterable[Rule]) -> Classification:
    """Types from the rules that match `text`; evidence "type: matched (rule id)" per matching rule."""
    hits = matches(text, rules)
    hits.sort(key=lambda h: INSTRUMENT_CODES.index(h[0].type))  # stable: rule order within a type
    return Classification(
        _in_taxonomy_order(r.type for r, _ in hits),
        tuple(f"{r.type}: {matched} (rule {r.rule_id})" for r, matched in hits),
    )


def classify(
    items: Mapping[str, str],
    parents: Mapping[str, str | None],
    rules: Iterable[Rule],
    overrides: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, Classification]:
    """Instrument types of each initiative id (items: id → text; parents: id → parent id or None).

    1. An override (non-empty `overrides[id]`) sets the types; the evidence says so.
    2. Otherwise the types are those of every rule matching the item's own text: a parent is typed
       by what its own text says, not by its sub-items.
    3. A heading whose own text matches no rule (e.g. 「万博会場内外での取組」) takes the union of
       its sub-items' types, with evidence naming the sub-items.
    An item left with no type gets an empty Classification; the build reports it as a problem.
    """
    rules = list(rules)
    overrides = overrides or {}
    out: dict[str, Classification] = {}
    for id_, text in items.items():
        codes = tuple(overrides.get(id_, ()))
        if codes:
            ordered = _in_taxonomy_order(codes)
            out[id_] = Classification(ordered, tuple(f"{c}: {OVERRIDE}" for c in ordered))
        else:
            out[id_] = classify_text(text, rules)
    children: dict[str, list[str]] = {}
    for id_ in items:
        parent = parents.get(id_)
        if parent:
            children.setdefault(parent, []).append(id_)
    for id_, kids in children.items():
        if id_ not in out or out[id_].types:
            continue
        by_type = {c: [k for k in kids if c in out[k].types] for c in INSTRUMENT_CODES}
        by_type = {c: ks for c, ks in by_type.items() if ks}
        out[id_] = Classification(
            tuple(by_type),
            tuple(f"{c}: {FROM_SUB_ITEMS} {', '.join(ks)}" for c, ks in by_type.items()),
        )
    return out


def expo_links(
    items: Mapping[str, str],
    parents: Mapping[str, str | None],
    rules: Iterable[Rule],
) -> dict[str, ExpoLink]:
    """Expo linkage of each initiative: its own text matches an Expo rule, or its parent's does.

    Evidence is "matched (rule id)" joined by "; " for an own match, or "inherited from parent <id>".
    """
    rules = list(rules)
    own = {id_: matches(text, rules) for id_, text in items.items()}
    out: dict[str, ExpoLink] = {}
    for id_ in items:
        parent = parents.get(id_)
        if own[id_]:
            out[id_] = ExpoLink(True, "; ".join(f"{matched} (rule {r.rule_id})" for r, matched in own[id_]))
        elif parent and own.get(parent):
            out[id_] = ExpoLink(True, f"{INHERITED} {parent}")
        else:
            out[id_] = ExpoLink(False, None)
    return out


_RULE_HIT = re.compile(r"^(?P<matched>.*) \(rule [^()]*\)$", re.DOTALL)
_TYPED = re.compile(r"^(?P<type>[a-z_]+): (?P<rest>.*)$", re.DOTALL)


def read_evidence(line: str) -> Reason:
    """An evidence line as `classify` or `expo_links` wrote it, read back into its parts.

    "matching: マッチング (rule r18)" → Reason("matching", "text", ("マッチング",)); Expo lines have no
    type ("万博 (rule e01); EXPO (rule e03)" → two words). A line in no known form comes back whole
    as the words of a "text" reason, so nothing is lost.
    """
    type_, rest = "", line
    typed = _TYPED.match(line)
    if typed:
        type_, rest = typed["type"], typed["rest"]
    if rest == OVERRIDE:
        return Reason(type_, "override")
    if rest.startswith(FROM_SUB_ITEMS + " "):
        ids = tuple(i.strip() for i in rest[len(FROM_SUB_ITEMS) + 1 :].split(",") if i.strip())
        return Reason(type_, "sub_items", ids=ids)
    if rest.startswith(INHERITED + " "):
        return Reason(type_, "parent", ids=(rest[len(INHERITED) + 1 :].strip(),))
    words = []
    for part in rest.split("; "):
        hit = _RULE_HIT.match(part)
        words.append(hit["matched"] if hit else part)
    return Reason(type_, "text", words=tuple(words))


def heading_only(evidence: Iterable[str]) -> bool:
    """Whether an item's instrument evidence comes only from its sub-items (a pure heading)."""
    reasons = [read_evidence(e) for e in evidence]
    return bool(reasons) and all(r.kind == "sub_items" for r in reasons)
