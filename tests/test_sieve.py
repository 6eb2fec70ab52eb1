"""The sieve (rules.sieve): what a pattern needs, and that it never hides a match."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from shuzhi.rules import common, items, lexicon, patterns, reading
from shuzhi.rules.sieve import View, needs, start
from shuzhi.rules.textdoc import read_report


def test_needs_read_from_the_pattern() -> None:
    assert needs("某某") == (frozenset({"某某"}),)  # a run of literals is one word
    assert needs(r"[XＸ]{2,}|\*{2,}|某某") == (frozenset({"X", "Ｘ", "**", "某某"}),)
    assert needs(r"([。，])\1+") == (frozenset({"。。", "，，"}),)  # a character twice
    assert set(needs(r"(?<!以)习近平(?:同志)?为核心")) == {frozenset({"为核心"}), frozenset({"习近平"})}
    assert needs(r"\d+(?:\.\d+)?[千百]") == (frozenset({"千", "百"}),)
    # nothing is sure: every text is searched
    assert needs(r"\d+|[a-z]") == ()
    assert needs(r"(?:本人)?工作") == (frozenset({"工作"}),)
    assert needs(r"(?:本人)?|工作") == ()
    assert needs("某某", re.IGNORECASE) == () and needs("(?i)ab") == ()


def test_where_finds_words_and_characters() -> None:
    view = View(["全年开展活动XX次。", "王明同志牵头。", "某某同志牵头", "某", "某"])
    assert view.where(re.compile(r"某某|X{2}")) == [0, 2]
    assert view.where(re.compile("牵头"), re.compile("王")) == [1, 2]
    assert view.where(re.compile(r"\d")) == [0, 1, 2, 3, 4]  # no needs: all of them
    assert view.words(["某", "同志牵", "某\n某", "不在"]) == ["某", "同志牵"]  # not across two
    assert view.holding(["某某", "王明"]) == [1, 2]
    assert view.holding(["某\n某"]) == []  # a word across two texts is in none of them


def _all_matchers() -> list[object]:
    from shuzhi import structure

    lex = lexicon.default()
    found: list[object] = [m for m, _ in lex.typo_patterns + lex.formulations] + list(lex.site_debris_lines)
    found += lex.repeated_words
    found.append(structure._NUMBER)  # TextDoc.read_numbers sieves the heading numbers with it
    from shuzhi.rules.registry import rules

    modules = [common, items]
    for r in rules().values():
        check = r.text or r.facts or r.history
        if check is not None:
            modules.append(__import__(check.__module__, fromlist=["_"]))
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, (re.Pattern, patterns.Guarded, patterns.Lazy)):
                found.append(value)
    return found


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "precision" / "reports").glob("*")) + sorted(
        (ROOT / "tests" / "rules_fixtures").glob("**/*.txt")
    ):
        if path.suffix in (".md", ".txt", ".docx"):
            doc = read_report(path, path.name)
            out += [p.text for p in doc.paras + doc.debris]
    return out


def test_the_sieve_never_hides_a_match() -> None:
    """Every built-in pattern on every paragraph of the corpus: a text it matches is one the
    sieve keeps (the rules search only those)."""
    texts = _texts()
    assert len(texts) > 400
    extra = [
        "全县全县",
        "签订承诺是",
        "共120人，其中130人",
        "同比增长 12%",
        "1287余人次",
        "2022－2023年度",
        "12 %",
        "（2024年“”3月）",
        "某“”某",
        "١٢、标题",
        " （ 3 ）x",
        "\u30001.5",
    ]
    view = View(texts + extra)
    matchers = _all_matchers()
    assert len(matchers) > 40
    for m in matchers:
        pattern = m.pattern if isinstance(m, patterns.Guarded) else m
        assert isinstance(pattern, (re.Pattern, patterns.Lazy))
        kept = set(view.where(m))
        for i, text in enumerate(view.texts):
            if pattern.search(text):
                assert i in kept, (pattern.pattern, text)


@pytest.mark.parametrize("name", ["seeds"])
def test_real_reports_when_present(name: str) -> None:
    seeds = ROOT.parent / "shared" / name
    if not seeds.is_dir():
        pytest.skip("the field reports are not on this machine")
    texts: list[str] = []
    for path in sorted(seeds.glob("*")):
        if path.suffix in (".md", ".txt", ".docx"):
            doc = read_report(path, path.name)
            texts += [p.text for p in doc.paras]
    view = View(texts)
    for m in _all_matchers():
        pattern = m.pattern if isinstance(m, patterns.Guarded) else m
        kept = set(view.where(m))
        assert all(i in kept for i, t in enumerate(texts) if pattern.search(t)), pattern


def test_a_huge_text_without_needles() -> None:
    """A 2 MB paragraph without the needles: none kept, the other found."""
    view = View(["一" * 2_000_000, "二"])
    assert view.where(re.compile(r"[XＸ]{2,}")) == []
    assert view.holding(["二"]) == [1]


def test_anchored_patterns_go_by_their_first_character() -> None:
    assert start(r"^\s*(?:首页|网站首页)\s*>") == (True, frozenset({"首", "网"}))
    assert start(r"^(?:目\s*录|内容目录)$") == (False, frozenset({"目", "内"}))
    for loose in (r"^x|y", r"(?m)^x", r"^a*b", r"^(?=x)x", r"^\s+x", r"^[\s<]x", r"x"):
        assert start(loose) is None, loose
    view = View(["  <div>", "<p>", "首页 > 正文", "x首页 > 正文", "\u3000首页 > 正文"])
    assert view.where(re.compile(r"^\s*(?:首页|网站首页)\s*>")) == [2, 4]
    assert view.where(re.compile(r"^<")) == [1]
    assert view.where(re.compile(r"^\s*<")) == [0, 1]


# the patterns as first written, before their look-behind moved after the first character
_FIRST_WRITTEN = [
    (common.YEAR.pattern, r"(?<![\d.])((?:19|20)\d{2})(?=\s*年)"),
    (reading._BODY_YEAR, r"(?<![\d.])((?:19|20)\d{2})(?=\s*年(?!以来|以前|前|起|—|－|-))"),
    (items.ORDINAL.pattern, r"(?:^|(?<=[。；;：:！？!?，,\s“]))([一二三四五六七八九十]+)是(?![否的])"),
]


def test_moved_lookbehinds_find_the_same() -> None:
    """Every match (place and groups) of the rewritten patterns is the old one's, on the corpus
    and on random strings of the characters that matter."""
    import random

    rng = random.Random(17)
    alphabet = "1290.年以来前—- \u3000，。；“一二三十是否的A"
    texts = _texts() + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20000)
    ]
    for new, old in _FIRST_WRITTEN:
        before = re.compile(old)
        for text in texts:
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == [
                (m.span(), m.groups()) for m in before.finditer(text)
            ], (old, text)


def test_each_text_with_the_patterns_that_can_match_it() -> None:
    view = View(["某某同志", "XX次", "王明", "X某某"])
    placeholder, name, digit = re.compile("某某"), re.compile("X+"), re.compile(r"\d")
    assert view.each(placeholder, name) == [(0, frozenset({0})), (1, frozenset({1})), (3, frozenset({0, 1}))]
    assert view.each(digit, placeholder) == [
        (i, frozenset({0, 1}) if i in (0, 3) else frozenset({0})) for i in range(4)
    ]
