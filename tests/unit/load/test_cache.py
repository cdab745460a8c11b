"""The rules cache: same results from cached data, a changed rule misses, a bad cache file is ignored."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

from engine.evaluate.evaluator import Evaluator
from engine.load import cache, ruleset
from engine.load.profile import load_profile
from engine.load.ruleset import check_rules, digest, fingerprint, load_rules_cached
from engine.resources import display_path

from ...conftest import EXAMPLES, RULES


def _evaluate(rules):
    data, _ = load_profile(EXAMPLES / "small-it-firm.yaml")
    outcome = Evaluator(rules).evaluate(data, dt.date(2026, 11, 29))
    return [(r.project, r.measure.id, r.status, r.amount) for r in outcome.results]


def test_cached_load_gives_the_same_rule_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    first, _ = load_rules_cached(RULES)
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    calls = []
    monkeypatch.setattr("engine.load.builder.Builder.load", lambda *a: calls.append(a) or [])
    second, _ = load_rules_cached(RULES)  # from the cache: no file is read through the YAML loader
    assert calls == []
    assert second.digest == first.digest == digest(RULES)
    assert sorted(second.measures) == sorted(first.measures)
    assert _evaluate(second) == _evaluate(first)


def test_a_changed_rule_misses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    load_rules_cached(rules)
    path = rules / "kmo-portefeuille.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 14\n", "value: 15\n"), encoding="utf-8")
    changed, _ = load_rules_cached(rules)
    assert changed.measures["kmo-portefeuille"].parameters["apply_within_days"].timeline[0].value == 15
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2


def test_bad_cache_files_are_ignored(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(folder))
    load_rules_cached(RULES)
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    rules, _ = load_rules_cached(RULES)
    assert rules is not None and "kmo-portefeuille" in rules.measures

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo owned > " + str(tmp_path / "owned"),))

    entry.write_bytes(
        pickle.dumps({"fingerprint": fingerprint(RULES), "digest": "", "facts": [], "measures": [], "x": Evil()})
    )
    assert cache.read(fingerprint(RULES)) is None
    assert not (tmp_path / "owned").exists()


def test_no_cache_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUBSIDIE_NO_CACHE", "1")
    rules, _ = load_rules_cached(RULES)
    assert rules is not None
    assert not (tmp_path / "cache").exists()


def test_entries_others_may_write_are_not_read(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(folder))
    load_rules_cached(RULES)
    (entry,) = folder.glob("*.pickle")
    assert cache.read(fingerprint(RULES)) is not None
    entry.chmod(0o666)
    assert cache.read(fingerprint(RULES)) is None


def test_odd_cache_contents_are_a_miss(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(folder))
    load_rules_cached(RULES)
    (entry,) = folder.glob("*.pickle")
    for raw in (b"cdecimal\nDecimal\n(Vjunk\ntR.", b"cdatetime\ndate\n(I99999999999999999999\nI1\nI1\ntR."):
        entry.write_bytes(raw)
        entry.chmod(0o600)
        assert cache.read(fingerprint(RULES)) is None


def test_the_key_covers_every_module_of_the_engine_by_its_path(tmp_path, monkeypatch):
    """A change to a module in a subpackage, or a module moved to another folder, misses the cache."""
    package = tmp_path / "engine"
    shutil.copytree(
        Path(cache.__file__).resolve().parents[1], package, ignore=shutil.ignore_patterns("__pycache__", "_data")
    )
    monkeypatch.setattr(cache, "package_dir", lambda: package)
    first = cache.cache_key(fingerprint(RULES))
    assert cache.cache_key(fingerprint(RULES)) == first
    module = package / "language" / "runtime.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed = cache.cache_key(fingerprint(RULES))
    assert changed != first
    (package / "language" / "runtime.py").rename(package / "runtime.py")
    assert cache.cache_key(fingerprint(RULES)) not in (first, changed)


def test_a_cached_load_skips_what_only_the_rule_checks_read(tmp_path, monkeypatch):
    """The parameters each text names are worked out for the checks, which a cached rule set passed."""
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    first, _ = load_rules_cached(RULES)
    calls = []
    for module in ("builder", "measure_builder"):
        monkeypatch.setattr(f"engine.load.{module}.placeholder_names", lambda *a: calls.append(a) or set())
    second, _ = load_rules_cached(RULES)
    assert calls == []
    assert second.digest == first.digest
    assert _evaluate(second) == _evaluate(first)


def _expressions(rules):
    found = [f.expression for f in rules.facts.values()] + [c.expression for c in rules.shared_conditions.values()]
    for measure in rules.measures.values():
        found += [e for e in measure.expressions() if e is not None]
    return found


def test_a_cached_load_compiles_each_expression_on_its_first_use(tmp_path, monkeypatch):
    """The cache keeps the names each expression reads; an expression is compiled when it is first evaluated."""
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    first, _ = load_rules_cached(RULES)
    assert all("tree" in vars(e) for e in _expressions(first))  # a miss compiles every expression at once
    calls = []
    monkeypatch.setattr("engine.load.builder.compile_expression", lambda *a: calls.append(a))
    second, _ = load_rules_cached(RULES)
    assert calls == []
    later = _expressions(second)
    assert len(later) == len(_expressions(first)) and not any("tree" in vars(e) for e in later)
    assert [(e.source, e.parameters, e.facts, e.uses_amount) for e in later] == [
        (e.source, e.parameters, e.facts, e.uses_amount) for e in _expressions(first)
    ]
    assert _evaluate(second) == _evaluate(first)
    compiled = [e for e in later if "tree" in vars(e)]
    assert 0 < len(compiled) < len(later)  # those of the measures small-it-firm's projects met, not the others


def test_the_entry_is_found_by_the_fingerprint_of_the_rules_and_keeps_their_digest(tmp_path, monkeypatch):
    """The key hashes every rule file with BLAKE2b; the digest a result shows stays the SHA-256 of the same bytes."""
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    load_rules_cached(rules)
    payload = cache.read(fingerprint(rules))
    assert payload["digest"] == digest(rules) == digest(RULES) and digest(rules).startswith("sha256:")
    assert fingerprint(rules).startswith("blake2b:") and len(fingerprint(rules)) == len("blake2b:") + 64
    assert cache.read(digest(rules)) is None
    before = fingerprint(rules)
    path = rules / "facts" / "common.yaml"
    path.write_bytes(path.read_bytes() + b"\n")  # a change the YAML does not see is still another entry
    assert fingerprint(rules) != before and cache.read(fingerprint(rules)) is None
    assert load_rules_cached(rules)[0].digest == digest(rules) != payload["digest"]
    assert cache.read(fingerprint(rules))["digest"] == digest(rules)


def test_a_cached_rule_set_names_its_files_as_one_read_from_them(tmp_path, monkeypatch):
    """File names relative to the current folder, links resolved, whether the rule set came from the cache or not."""
    monkeypatch.setenv("SUBSIDIE_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(RULES, tmp_path / "rules")
    (tmp_path / "rules" / "facts" / "nis2.yaml").rename(tmp_path / "rules" / "nis2-facts.yml")
    (tmp_path / "rules" / "facts" / "nis2.yaml").symlink_to(Path("..") / "nis2-facts.yml")  # inside the folder
    (tmp_path / "link").symlink_to("rules")
    monkeypatch.chdir(tmp_path)

    def names(rules):
        return sorted([m.file for m in rules.measures.values()] + [f.file for f in rules.facts_files])

    for root in (Path("link"), tmp_path / "link", Path("rules")):
        read, _ = check_rules(root)
        first, _ = load_rules_cached(root)
        second, _ = load_rules_cached(root)  # from the cache
        assert names(read) == names(first) == names(second)
        assert "rules/nis2-facts.yml" in names(second) and "rules/facts/common.yaml" in names(second)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the files are not inside the current folder: named as given
    for root in (tmp_path / "link", Path("../rules")):
        load_rules_cached(root)
        second, _ = load_rules_cached(root)
        with monkeypatch.context() as patched:  # each name worked out alone, as display_path does
            patched.setattr(ruleset, "_display_paths", lambda root, names: {n: display_path(root / n) for n in names})
            alone, _ = load_rules_cached(root)
        assert names(second) == names(alone)
        assert str(root / "facts" / "common.yaml") in names(second)
