"""`Binding.applies_to`, `Binding.names` and `Binding.alineas` (searched in C over the version's alinéa uids) say
what a scan of every alinéa says, for every binding of the corpus and every version of its
article, and for alinéas whose uid comes twice."""

from __future__ import annotations

from dataclasses import replace

from consolidator.engine.bindings import fragment_uids
from consolidator.engine.replay import VersionIndex


def test_alineas_and_applies_to_are_the_scan(index: VersionIndex) -> None:
    checked = 0
    for binding in index.bindings:
        for version in index.versions.get(binding.restriction.target or "", ()):
            uids = fragment_uids(version)
            hit = [i for i, f in enumerate(version.fragments) if f.uid in binding.fragments]
            expected = list(range(len(uids))) if binding.lineage is not None else hit
            assert binding.alineas(version) == binding.alineas(version, uids) == expected
            if binding.lineage is None:  # names: whatever the binding's end
                assert binding.names(version) == binding.names(version, uids) == bool(hit)
            if binding.lineage is None and (binding.until is None or version.since < binding.until):
                assert binding.applies_to(version) == binding.applies_to(version, uids) == bool(hit)
            checked += 1
    assert checked > 100  # 146 bindings over their articles' versions


def test_a_uid_found_twice_gives_both_alineas(index: VersionIndex) -> None:
    binding = next(b for b in index.bindings if b.lineage is None and b.fragments)
    version = next(
        v for v in index.versions[binding.restriction.target or ""] if binding.applies_to(v)
    )
    uid = next(iter(binding.fragments))
    twice = version.fragments + tuple(f for f in version.fragments if f.uid == uid)
    doubled = replace(version, fragments=twice)
    found = binding.alineas(doubled)
    assert [doubled.fragments[i].uid for i in found].count(uid) == 2
    assert found == sorted(found)
