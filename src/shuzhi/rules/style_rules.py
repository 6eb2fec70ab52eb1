"""Text-level form rules: numbering, punctuation, numerals, years, era, wording (R16–R22, R25–R28)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

from ..errors import Finding
from ..structure import cn_value, heading_number, split_run_in
from .common import excerpt, finding
from .config import Config
from .engine import text_check
from .items import ORDINAL
from .textdoc import TextDoc


@text_check("R16")
def heading_numbers(doc: TextDoc, config: Config) -> Iterator[Finding]:
    expected = {1: 1, 2: 1, 3: 1, 4: 1}
    seen_top = False
    for p in doc.paras:
        if p.role not in ("heading", "body"):
            continue
        num = heading_number(p.text)
        if num is None:
            continue
        if num.level == 3 and num.separator == "、":
            yield finding(doc, p, f"“{num.marker}”应写作“{num.value}.”", "阿拉伯数字序号后用“.”，不用顿号")
        if num.level > 1 and not seen_top and num.level == 2:
            yield finding(doc, p, f"“{num.marker}”出现在第一个“一、”之前", "先有一级标题“一、”")
        seen_top = seen_top or num.level == 1
        want = expected[num.level]
        if num.value != want:
            word = "重复" if num.value < want else "跳号"
            yield finding(
                doc,
                p,
                f"标题编号{word}：此处应为第 {want} 个，写的是“{num.marker}”",
                "同一级编号从 1 开始连续，每个上级标题下重新编号",
            )
        expected[num.level] = num.value + 1
        for lower in range(num.level + 1, 5):
            expected[lower] = 1
        _, body = split_run_in(num.rest)
        standalone = p.role == "heading" or not body
        if standalone and num.rest.endswith("。") and len(num.rest) <= 40:
            yield finding(doc, p, "单独成行的标题末尾不加“。”", snippet=num.rest[-6:])


_DECLARED = re.compile(
    r"(?:主要有|有以下|以下|表现在|归纳为|共有)([一二两三四五六七八九十\d]+)(?:个方面|点|条|项|个问题)"
)


@text_check("R17")
def inline_ordinals(doc: TextDoc, config: Config) -> Iterator[Finding]:
    sequence: list[tuple[int, object]] = []
    last_top = None
    declared: tuple[int, object] | None = None

    def close():  # type: ignore[no-untyped-def]
        if declared and sequence and len(sequence) != declared[0]:
            yield finding(
                doc,
                declared[1],
                f"说“{declared[0]}个方面”，实际列了 {len(sequence)} 条",
                "条数由列表生成，或改正说法",
            )

    for p in doc.paras:
        if p.role not in ("body", "heading"):
            continue
        num = heading_number(p.text)
        if p.role == "heading" or (num is not None and num.level <= 2) or p.top != last_top:
            yield from close()
            sequence, declared = [], None
            last_top = p.top
        m = _DECLARED.search(p.text)
        if m:
            yield from close()
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else cn_value(raw.replace("两", "二"))
            declared, sequence = ((n, p) if n else None), []
        for om in ORDINAL.finditer(p.text):
            value = cn_value(om.group(1)) or 0
            if value == 1 and sequence:
                yield from close()
                sequence, declared = [], None
            expected = len(sequence) + 1
            if value != expected:
                what = "重复" if any(v == value for v, _ in sequence) else "不连续"
                yield finding(
                    doc,
                    p,
                    f"“{om.group(0)}”{what}：此处应为“{_cn(expected)}是”",
                    snippet=excerpt(p.text, om.start(), om.end(), 10),
                )
                sequence.append((expected, p))
            else:
                sequence.append((value, p))
    yield from close()


def _cn(n: int) -> str:
    from ..phrasing.ordinals import cn

    return cn(n)


_ASCII_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!()\"]|[,;:?!()\"](?=[\u4e00-\u9fff])")
_DOUBLED = re.compile(r"([。，、；：！？])\1+")


@text_check("R18")
def punctuation(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        m = _ASCII_PUNCT.search(p.text)
        if m:
            yield finding(
                doc,
                p,
                f"中文里用了半角标点“{m.group(0)}”（“{excerpt(p.text, m.start(), m.end(), 5)}”）",
                "用全角：，；：？！（）“”",
                snippet=excerpt(p.text, m.start(), m.end(), 3),
            )
        m = _DOUBLED.search(p.text)
        if m:
            yield finding(
                doc,
                p,
                f"标点重复“{m.group(0)}”（“{excerpt(p.text, m.start(), m.end(), 5)}”）",
                snippet=excerpt(p.text, m.start(), m.end(), 3),
            )


_FULLWIDTH_DIGIT = re.compile(r"[０-９]+")
_THOUSAND = re.compile(r"\d+(?:\.\d+)?[千百](?![米克瓦帕伏分])")
_MIXED = re.compile(r"\d+亿\d+万|\d+万\d+千")


@text_check("R19")
def numerals(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        for pattern, message, hint in (
            (_FULLWIDTH_DIGIT, "统计数字用了全角数字“{}”", "用半角阿拉伯数字"),
            (_THOUSAND, "“{}”不规范", "写成阿拉伯数字，如“3000人”，或用“万”"),
            (_MIXED, "“{}”混用了两种单位", "统一写成“3.45亿”或“15.5万”"),
        ):
            m = pattern.search(p.text)
            if m:
                yield finding(doc, p, message.format(m.group(0)), hint, snippet=m.group(0))


_PERCENT_SPACE = re.compile(r"\d\s+[%％]")
_PERCENT_RANGE = re.compile(r"\d[%％]\s*[-~－]\s*\d")
_PERCENT = re.compile(r"(\d+)(?:\.(\d+))?[%％]")


@text_check("R20")
def percent(doc: TextDoc, config: Config) -> Iterator[Finding]:
    text = doc.text()
    half, full = "%" in text, "％" in text
    for p in doc.paras:
        if half and full and "％" in p.text:
            yield finding(doc, p, "全文混用了“%”和“％”", "统一用“%”", snippet="％")
            half = False  # one finding is enough
        elif not half and "％" in p.text:
            yield finding(doc, p, "百分号用了全角“％”", "统一用半角“%”", snippet="％", severity="warning")
            full = False
            break
        for pattern, message in (
            (_PERCENT_SPACE, "数字和“%”之间不能有空格"),
            (_PERCENT_RANGE, "百分数范围用“—”连接，如“13%—15%”"),
        ):
            m = pattern.search(p.text)
            if m:
                yield finding(doc, p, message, snippet=m.group(0))
    decimals = {len(m.group(2)) for p in doc.paras for m in _PERCENT.finditer(p.text) if m.group(2)}
    if len(decimals) > 1:  # 12.3% beside 12.35%: whole-number targets (提高到50%) are fine
        first = next(p for p in doc.paras if _PERCENT.search(p.text))
        yield finding(
            doc, first, "百分数的小数位数不统一", "全文统一保留 1 位小数（或都取整）", severity="warning"
        )


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*([-－~～–])\s*((?:19|20)\d{2})")


@text_check("R21")
def year_ranges(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        m = _YEAR_RANGE.search(p.text)
        if m:
            yield finding(
                doc,
                p,
                f"年份范围“{m.group(0)}”应写作“{m.group(1)}—{m.group(3)}”",
                "年份之间用一字线“—”",
                snippet=m.group(0),
            )
        m = re.search(r"(?<![\d.])[’'](\d{2})年", p.text)
        if m:
            yield finding(doc, p, f"年份“{m.group(0)}”应写全 4 位", snippet=m.group(0))


_APPROX = re.compile(r"(约)?(\d+(?:\.\d+)?)(万|亿)?(余|多)(万|亿)?|(近|超|约)(\d+(?:\.\d+)?)(万|亿)?")
_TIME_UNIT = re.compile(r"^\s*(?:个)?(?:年|天|日|月|周|期|届|次会)")


_SCALE = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, None: Decimal(1)}


def _rounded(value: str, scale: str | None) -> bool:
    """Two significant figures at most: 1300, 130, 10, 23万 (230,000); not 1287 or 15.34万."""
    n = Decimal(value) * _SCALE[scale]
    if n != n.to_integral_value():
        return False
    if n < 10:
        return True
    digits = len(str(int(n)))
    step = 10 if digits <= 3 else 10 ** (digits - 2)
    return int(n) % step == 0


@text_check("R22")
def approximations(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        for message, hint, snippet in approx_problems(p.text):
            yield finding(doc, p, message, hint, snippet=snippet)


def approx_problems(text: str) -> list[tuple[str, str, str]]:
    """概数 that are not round, or say 约 and 余 at once (shared by the facts and the text check)."""
    out = []
    for m in _APPROX.finditer(text):
        if m.group(2):
            value, yue, scale = m.group(2), m.group(1), m.group(3) or m.group(5)
            if yue:
                out.append((f"“{m.group(0)}”里“约”和“{m.group(4)}”重复", "二者只用其一", m.group(0)))
                continue
        else:
            value, scale = m.group(7), m.group(8)
            if m.group(6) == "约":
                continue
            if _TIME_UNIT.match(text[m.end() :]):
                continue  # 近3年, 近15天: a time span, not an approximation
        if not _rounded(value, scale):
            out.append(
                (f"概数“{m.group(0)}”没有取整", "如“1300余名”“近1300名”；确切数字不加“余”“近”", m.group(0))
            )
    return out


@text_check("R25")
def era(doc: TextDoc, config: Config) -> Iterator[Finding]:
    date = getattr(doc, "writing_date", None) or (dt.date(doc.year + 1, 1, 15) if doc.year else None)
    lex = config.lexicon
    for p in doc.paras:
        text = p.text
        m = re.search(r"(党|团)的[XＸ×\*]+大", text)
        if m:
            yield finding(
                doc,
                p,
                f"“{m.group(0)}”：党代会届次不能用占位符",
                "按成文日期写明，如“党的二十大”",
                snippet=m.group(0),
            )
        if date is None:
            continue
        for who, table in (("党", lex.congresses), ("团", lex.league_congresses)):
            current = [name for name, end in table if end < date]
            if not current:
                continue
            now = current[-1]
            for name, end in table:
                if f"{who}的{name}精神" in text and name != now and end < date:
                    yield finding(
                        doc,
                        p,
                        f"成文时（{date:%Y年%m月}）应学习贯彻{who}的{now}精神，不是{name}",
                        snippet=f"{who}的{name}",
                    )
                if f"{who}的{name}" in text and end > date and end - dt.timedelta(days=10) > date:
                    yield finding(doc, p, f"{who}的{name}在成文日期之后才召开", snippet=f"{who}的{name}")
        for name, start in lex.events:
            if name in text and start > date:
                yield finding(
                    doc,
                    p,
                    f"“{name}”{start:%Y年%m月}才开始，{date:%Y年%m月}成文的报告不应写到",
                    "核对年份和会议名称",
                    snippet=name,
                )


@text_check("R26")
def formulations(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        for pattern, right in config.lexicon.formulations:
            m = pattern.search(p.text)
            if m and right not in p.text[max(0, m.start() - 12) : m.end() + 12]:
                yield finding(doc, p, f"“{m.group(0)}”不是规范表述，应为“{right}”", snippet=m.group(0))
                break


@text_check("R27")
def typos(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        for wrong, right in config.lexicon.typos.items():
            if wrong in p.text:
                yield finding(doc, p, f"“{wrong}”应为“{right}”", snippet=wrong)
        for pattern, right in config.lexicon.typo_patterns:
            m = pattern.search(p.text)
            if m:
                yield finding(doc, p, f"“{m.group(0)}”有误，应为“{right}”", snippet=m.group(0))


@text_check("R28")
def relative_time(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        hit = next((w for w in config.lexicon.relative_time if w in p.text), None)
        if hit:
            year = f"{doc.year}年" if doc.year else "某年"
            yield finding(
                doc,
                p,
                f"“{hit}”是相对时间，存档后读者不知所指",
                f"写成“截至{year}12月底”或“{year}以来”",
                snippet=hit,
            )
