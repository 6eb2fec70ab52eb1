"""Chinese names of the facts keys (facts-format.md §1, "Chinese keys").

A key is looked up in the table of its context, so 标题 means ``title`` at the top
level and ``heading`` inside a section or an area.
"""

from __future__ import annotations

SECTION_KEYS = (
    "overview",
    "study",
    "virtue",
    "duties",
    "responsibility",
    "democratic_centralism",
    "integrity",
    "rule_of_law",
    "shortcomings",
    "plans",
)

SECTION_NAMES = {
    "overview": "基本情况",
    "study": "述学",
    "virtue": "述德",
    "duties": "述职",
    "responsibility": "述责",
    "democratic_centralism": "民主集中制",
    "integrity": "述廉",
    "rule_of_law": "述法",
    "shortcomings": "存在问题",
    "plans": "下步打算",
}

TOP = {
    "类型": "kind",
    "报告类型": "kind",
    "年度": "year",
    "年份": "year",
    "日期": "date",
    "成文日期": "date",
    "标题": "title",
    "本人": "person",
    "个人": "person",
    "单位": "unit",
    "上级": "leaders",
    "领导": "leaders",
    "称谓": "salutation",
    "导语": "intro",
    "数据": "metrics",
    "结束语": "closing",
    "结语": "closing",
    "落款": "signature",
    "模板": "template",
    **{name: key for key, name in SECTION_NAMES.items()},
    "述责述廉": "responsibility",
    "工作思路": "plans",
    "下一步打算": "plans",
    "问题": "shortcomings",
}

PERSON = {
    "姓名": "name",
    "单位": "unit",
    "职务": "position",
    "任职时间": "appointed",
}

UNIT = {
    "名称": "name",
    "单位名称": "name",
    "上级": "superior",
}

METRIC = {
    "数值": "value",
    "值": "value",
    "上年": "prev",
    "上年数值": "prev",
    "单位": "unit",
    "类别": "kind",
    "小数位数": "decimals",
}

SECTION = {
    "标题": "heading",
    "小标题": "heading",
    "导语": "intro",
    "开头": "intro",
    "要点": "points",
    "分项": "areas",
    "结尾": "outro",
}

AREA = {
    "标题": "heading",
    "小标题": "heading",
    "导语": "intro",
    "开头": "intro",
    "要点": "points",
    "结尾": "outro",
}

POINT = {
    "小标题": "headline",
    "标题": "headline",
    "内容": "text",
    "对应问题": "addresses",
    "原因": "cause",
}

# Context name -> alias table; the loader picks the context from the parent's path.
TABLES: dict[str, dict[str, str]] = {
    "top": TOP,
    "person": PERSON,
    "unit": UNIT,
    "metric": METRIC,
    "section": SECTION,
    "area": AREA,
    "point": POINT,
}


def context_of(path: tuple[str | int, ...]) -> str | None:
    """Which alias table applies to the keys of the mapping at ``path``."""
    if not path:
        return "top"
    head = path[0]
    n = len(path)
    if head == "person" and n == 1:
        return "person"
    if head == "unit" and n == 1:
        return "unit"
    if head == "metrics" and n == 2:
        return "metric"
    if head in SECTION_KEYS:
        if n == 1:
            return "section"
        # study[0] (list form) or study.points[0] / study.areas[0].points[0]
        if n == 2 and isinstance(path[1], int):
            return "point"
        if n == 3 and path[1] == "points":
            return "point"
        if n == 3 and path[1] == "areas":
            return "area"
        if n == 5 and path[1] == "areas" and path[3] == "points":
            return "point"
    return None


def canonical(key: str, path: tuple[str | int, ...]) -> str:
    """The English name of ``key`` in the mapping at ``path`` (unchanged if none)."""
    ctx = context_of(path)
    if ctx is None:
        return key
    return TABLES[ctx].get(key, key)


def chinese_names(ctx: str) -> dict[str, str]:
    """English key -> its first Chinese alias, for messages and the starter file."""
    out: dict[str, str] = {}
    for zh, en in TABLES[ctx].items():
        out.setdefault(en, zh)
    return out


# Chinese words for the values of the fields that take one of a few words (cause, a metric's kind):
# each is accepted as written in either language, and named in both in messages.
VALUE_WORDS: dict[str, dict[str, str]] = {
    "cause": {"subjective": "主观", "objective": "客观"},
    "kind": {"amount": "金额", "count": "数量", "rate": "比率"},
}
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "cause": {"主观": "subjective", "主观原因": "subjective", "客观": "objective", "客观原因": "objective"},
    "kind": {
        "金额": "amount",
        "数额": "amount",
        "数量": "count",
        "计数": "count",
        "比率": "rate",
        "比例": "rate",
        "百分比": "rate",
        "率": "rate",
    },
}


def value_alias(field: str, value: object) -> object:
    """The English value of a Chinese one (主观 -> subjective); anything else unchanged."""
    if isinstance(value, str):
        return VALUE_ALIASES.get(field, {}).get(value.strip(), value)
    return value
