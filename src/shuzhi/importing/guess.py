"""What the report is: its kind (with how sure, and what else it could be), year and voice.

The kind is weighed from four signals together: the 文种 in the title, the voice
(我/本人 against a unit speaking of itself), the top-level headings and the
vocabulary of the body. The year is voted from the date line, the body and the title.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# (word in the title, kind id), longest first
TITLE_WORDS = [
    ("述学述职述廉述法", "述学述职述廉述法"),
    ("述职述德述廉", "述职述德述廉"),
    ("述职述廉述法", "述职述廉述法"),
    ("述责述廉", "述责述廉"),
    ("述职述廉", "述职述廉"),
    ("抓基层党建", "抓基层党建工作述职"),
    ("基层党建", "抓基层党建工作述职"),
    ("党建工作述职", "抓基层党建工作述职"),
    ("党建述职", "抓基层党建工作述职"),
    ("述法", "述法"),
    ("工作总结", "工作总结"),
    ("工作汇报", "工作总结"),
    ("情况汇报", "工作总结"),
    ("工作报告", "工作总结"),
    ("总结", "工作总结"),
    ("述职", "个人述职"),
]
_PERSONAL = re.compile(
    r"本人|我(?!们|局|县|市|区|镇|乡|校|院|处|科|单位|委|厅|部|司|中心|所|站|村|社区|公司|行|会|省|国|党|街道|团|馆|队|办|园)"
)
_UNIT = re.compile(
    r"我们|我(局|县|市|区|镇|乡|校|院|处|科|单位|委|厅|中心|所|站|公司|街道|馆|队|办|园)|全(局|镇|乡|县|区|校|院|所|中心)|本单位"
)
_VOCAB = {
    "述法": re.compile(
        r"学法|尊法|守法|用法|依法决策|合法性审查|出庭应诉|行政复议|行政诉讼|法治建设第一责任人|普法|法治政府|法律顾问"
    ),
    "党建": re.compile(
        r"基层党建|党支部|党组织|三会一课|软弱涣散|书记项目|主题党日|发展党员|党员教育|两新|组织生活"
    ),
    "廉": re.compile(r"廉洁|廉政|八项规定|四风|礼品礼金|个人有关事项|纪律"),
    "德": re.compile(r"述德|道德|品德|家庭美德|社会公德|职业道德"),
    "民主": re.compile(r"民主集中制|三重一大|议事规则"),
    "责": re.compile(r"一岗双责|主体责任|管党治党|从严治党|第一责任人"),
}
# what the headings and the vocabulary say for each kind: (signal, weight)
_KIND_SIGNALS = {
    "述法": [("述法", 0.6), ("廉", -0.3)],
    "抓基层党建工作述职": [("党建", 0.5), ("廉", -0.1)],
    "述职述廉述法": [("述法", 0.25), ("廉", 0.25)],
    "述学述职述廉述法": [("述法", 0.2), ("廉", 0.2)],
    "述职述德述廉": [("德", 0.6), ("民主", 0.3), ("廉", 0.2)],
    "述责述廉": [("责", 0.3), ("民主", 0.3), ("廉", 0.2)],
    "述职述廉": [("廉", 0.35), ("责", 0.1)],
    "个人述职": [],
    "工作总结": [],
}
CONFIDENCE = ((5.0, "有把握"), (2.0, "把握一般"), (0.0, "把握不大"))


@dataclass
class KindGuess:
    """The chosen kind, how sure, why, and the runners-up."""

    kind: str
    sure: str
    reasons: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)


def voice(text: str) -> str:
    """personal or unit: who speaks."""
    personal = len(_PERSONAL.findall(text))
    unit = len(_UNIT.findall(text))
    if not personal and not unit:
        return "unknown"
    return "personal" if personal * 2 >= unit and (personal >= 2 or not unit) else "unit"


def guess_kind(title: str, headings: list[str], body: str, known: list[str]) -> KindGuess:
    """Weigh title, voice, headings and vocabulary; ``known`` are the kind ids on hand."""
    scores: dict[str, float] = {k: 0.0 for k in known}
    reasons: list[str] = []
    # a kind of the user's own (--templates) named in the title wins outright
    custom = sorted((k for k in known if k not in _KIND_SIGNALS and k in title), key=len, reverse=True)
    titled = custom[0] if custom else next((kind for word, kind in TITLE_WORDS if word in title), None)
    if titled is not None and titled in scores:
        scores[titled] += 10
        reasons.append(f"标题写明“{titled}”" if titled in title else f"标题“{title[:30]}”")
    who = voice(body)
    for k in scores:
        if who == "unknown":
            break
        if k == "工作总结":
            scores[k] += 5 if who == "unit" else -3
        elif k in _KIND_SIGNALS:
            scores[k] += 1 if who == "personal" else -2
    if who != "unknown":
        reasons.append("第一人称“我/本人”" if who == "personal" else "单位口吻（“我们/我局”等多于“我/本人”）")
    if "个人述职" in scores and who != "unit":
        scores["个人述职"] += 0.5  # with nothing else to go on, a 述职 is the plain personal one
    heads = "".join(headings)
    size = max(len(body) / 1000, 1.0)
    for kind, signals in _KIND_SIGNALS.items():
        if kind not in scores:
            continue
        for signal, weight in signals:
            in_heads = len(_VOCAB[signal].findall(heads))
            in_body = len(_VOCAB[signal].findall(body)) / size
            scores[kind] += weight * (3 * min(in_heads, 3) + min(in_body, 8))
    if "基本情况" in heads and "工作总结" in scores:
        scores["工作总结"] += 2
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], known.index(kv[0])))
    best, top = ranked[0]
    margin = top - (ranked[1][1] if len(ranked) > 1 else 0.0)
    sure = next(word for floor, word in CONFIDENCE if margin >= floor)
    for signal, label in (("述法", "述法"), ("党建", "基层党建"), ("廉", "廉洁"), ("德", "道德")):
        if len(_VOCAB[signal].findall(heads)) >= 1:
            reasons.append(f"章节标题谈{label}")
    others = [k for k, v in ranked[1:3] if v > top - 6]
    return KindGuess(best, sure, reasons, others)


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")


def guess_year(title: str, date: tuple[int, int, int] | None, body: str) -> tuple[int | None, str | None]:
    """The report's year and, when the sources disagree, a note saying which was taken."""
    in_title = sorted({int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", title)})
    from_date = None
    if date is not None:
        from_date = date[0] - 1 if date[1] <= 6 else date[0]
    counts = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\d{1,2}月\d)", body))
    if from_date is not None:
        counts = Counter({y: c for y, c in counts.items() if y <= from_date})
    in_body = min(counts, key=lambda y: (-counts[y], y)) if counts else None
    title_year = in_title[0] if in_title else None
    if title_year is not None and from_date in (title_year, None):
        return title_year, None
    chosen: int | None
    if from_date is not None:
        chosen = from_date
    elif in_body is not None:
        chosen = in_body
    else:
        chosen = title_year
    note = None
    if title_year is not None and chosen is not None and chosen != title_year:
        note = f"标题写的是{title_year}年，但成文日期和正文指向{chosen}年，已按{chosen}年处理，请核对 年度"
    return chosen, note
