"""Say which attribute is wrong, and on which line, when RelaxNG only says « failed to validate
attributes » without a line (libxml2 reports attribute errors without a node).

The attribute rules are read from the schema itself: for each element name, each of its
definitions' required and allowed attributes and their datatypes (patterns, values, dates, integers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from lxml import etree

RNG = "{http://relaxng.org/ns/structure/1.0}"
OPTIONAL = {f"{RNG}optional", f"{RNG}zeroOrMore", f"{RNG}choice"}


@dataclass
class ElementRule:
    required: set[str] = field(default_factory=set)
    one_of: list[set[str]] = field(default_factory=list)  # a required <choice> of attributes
    types: dict[str, etree._Element | None] = field(default_factory=dict)


def _datatype(attr: etree._Element, defines: dict[str, etree._Element]) -> etree._Element | None:
    for child in attr:
        if child.tag == f"{RNG}ref":
            return _datatype(defines[child.get("name")], defines)
        if child.tag in (f"{RNG}data", f"{RNG}choice", f"{RNG}value"):
            return child
    return None


def _collect(
    node: etree._Element, defines: dict, rule: ElementRule, optional: bool, seen: set[str]
) -> None:
    for child in node:
        if child.tag == f"{RNG}attribute":
            rule.types[child.get("name")] = _datatype(child, defines)
            if not optional:
                rule.required.add(child.get("name"))
        elif child.tag == f"{RNG}ref" and child.get("name") not in seen:
            target = defines[child.get("name")]
            if target.find(f"{RNG}element") is None:  # a group of attributes, not an element
                _collect(target, defines, rule, optional, seen | {child.get("name")})
        elif child.tag == f"{RNG}choice" and not optional:
            before = set(rule.types)
            _collect(child, defines, rule, True, seen)
            if set(rule.types) - before:
                rule.one_of.append(set(rule.types) - before)
        elif child.tag != f"{RNG}element":
            _collect(child, defines, rule, optional or child.tag in OPTIONAL, seen)


@cache
def rules(schema_bytes: bytes) -> dict[str, list[ElementRule]]:
    """Element name → the attribute rules of each of its definitions in the schema."""
    root = etree.fromstring(schema_bytes)
    defines = {d.get("name"): d for d in root.iter(f"{RNG}define")}
    out: dict[str, list[ElementRule]] = {}
    for el in root.iter(f"{RNG}element"):
        rule = ElementRule()
        _collect(el, defines, rule, False, set())
        out.setdefault(el.get("name"), []).append(rule)
    return out


def _value_ok(value: str, dtype: etree._Element | None) -> bool:
    if dtype is None:
        return True
    if dtype.tag == f"{RNG}value":
        return value == (dtype.text or "")
    if dtype.tag == f"{RNG}choice":
        return any(_value_ok(value, c) for c in dtype)
    kind = dtype.get("type")
    if kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    if kind in ("nonNegativeInteger", "positiveInteger", "integer"):
        return re.fullmatch(
            r"[0-9]+" if kind != "integer" else r"-?[0-9]+", value
        ) is not None and (kind != "positiveInteger" or int(value) > 0)
    for param in dtype.findall(f"{RNG}param"):
        if param.get("name") == "pattern" and not re.fullmatch(param.text or "", value):
            return False
        if param.get("name") == "minLength" and len(value) < int(param.text or "0"):
            return False
    return True


def _faults(el: etree._Element, rule: ElementRule) -> list[str]:
    faults = [
        f"lacks the required attribute '{name}'" for name in sorted(rule.required - set(el.attrib))
    ]
    for names in rule.one_of:
        if not names & set(el.attrib):
            faults.append(f"lacks one of the attributes {', '.join(map(repr, sorted(names)))}")
    for name, value in el.attrib.items():
        if name not in rule.types:
            faults.append(f"has an attribute '{name}' the schema does not allow")
        elif not _value_ok(value, rule.types[name]):
            faults.append(f"has a malformed value {value!r} for attribute '{name}'")
    return faults


def attribute_faults(
    tree: etree._ElementTree, tag: str, schema_bytes: bytes
) -> list[tuple[int | None, str]]:
    """(line, what is wrong) for each <tag> element whose attributes fit none of its definitions."""
    definitions = rules(schema_bytes).get(tag, [])
    found: list[tuple[int | None, str]] = []
    for el in tree.iter(tag):
        faults = [_faults(el, rule) for rule in definitions]
        if definitions and all(faults):
            best = min(faults, key=len)
            found.append((el.sourceline, f"<{tag}> " + "; ".join(best)))
    return found
