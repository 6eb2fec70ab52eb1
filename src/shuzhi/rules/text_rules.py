"""Text-level content rules: R01–R15, R23, R24, R29, R30 on a report's paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Finding
from ..phrasing.tenure import tenure
from ..structure import heading_number, section_of
from . import items as items_mod
from .common import (
    DEADLINE,
    DIGIT,
    FIGURE,
    INSTITUTIONAL,
    NUMBER,
    PERSONAL,
    QUANTITY,
    YEAR,
    excerpt,
    finding,
    nonspace_len,
    strip_quotes,
)
from .config import Config
from .engine import text_check
from .textdoc import TextDoc

PLACEHOLDER = re.compile(
    r"[XＸ]{2,}|(?<=[\u4e00-\u9fff\d%％])[XＸ](?![A-Za-z光线射])"
    r"|(?<![A-Za-z])[XＸ](?=[\u4e00-\u9fff\d%％])(?!光|线|射线)"
    r"|\*{2,}|×{2,}|○{2,}|某某"
)


@text_check("R01")
def placeholders(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        found = list(PLACEHOLDER.finditer(p.text))
        if found:
            m = found[0]
            yield finding(
                doc,
                p,
                f"有 {len(found)} 处占位符，如“{excerpt(p.text, m.start(), m.end())}”",
                "把 XX、**、某某 换成真实的名称和数字",
                snippet=m.group(0),
            )


@text_check("R02")
def site_debris(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        hits = [w for w in config.lexicon.site_debris if w in p.raw]
        if hits:
            yield finding(doc, p, f"有从网站复制带来的残留“{hits[0]}”", "删去网站标记和导航文字")


@text_check("R03")
def title_check(doc: TextDoc, config: Config) -> Iterator[Finding]:
    title_para = next((p for p in doc.paras if p.role == "title"), None)
    if title_para is None:
        return
    title = title_para.text
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", title)]
    if not years:
        yield finding(doc, title_para, "标题没有写明年度（如“2024年度”）", "标题 = 年度 + 文种")
    if doc.kind is None:
        yield finding(doc, title_para, "标题没有写明文种（如“述职述廉报告”）", "标题 = 年度 + 文种")
    elif doc.is_unit and doc.year and (doc.year + 1) not in years:
        yield finding(
            doc,
            title_para,
            f"单位总结的标题应写明{doc.year}年和{doc.year + 1}年",
            f"如“……{doc.year}年工作总结和{doc.year + 1}年工作思路”",
        )
    intro = next((p for p in doc.paras if p.role == "body"), None)
    if intro is not None and doc.year:
        m = YEAR.search(intro.text)
        if m and int(m.group(1)) != doc.year and "以来" not in intro.text[m.end() : m.end() + 4]:
            yield finding(
                doc, intro, f"导语里的年度 {m.group(1)} 与标题的 {doc.year} 不一致", snippet=m.group(0)
            )


def _sections_present(doc: TextDoc) -> dict[str, list]:
    present: dict[str, list] = {}
    for p in doc.paras:
        key = None
        if p.role == "heading" or p.level:
            num = heading_number(p.text)
            key = section_of((num.rest if num else p.text)[:40])
        elif p.role == "body":
            num = heading_number(p.text)
            if num is not None and num.level == 2:
                key = section_of(num.rest[:30])
        if key:
            present.setdefault(key, []).append(p)
    return present


@text_check("R04")
def required_sections_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    spec = getattr(doc, "kind_spec", None)
    if spec is None:
        return
    present = _sections_present(doc)
    has_problems = bool(items_mod.shortcomings(doc)[0])
    for s in spec.sections:
        if not s.required:
            continue
        if s.key == "shortcomings" and has_problems:
            continue
        if s.key == "plans" and items_mod.plans(doc):
            continue
        if s.key == "study" and "virtue" in present:
            continue
        if s.key not in present:
            yield finding(doc, doc.paras[0], f"“{spec.id}”报告缺少“{s.name}”部分", f"默认标题：{s.heading}")
            continue
        text = doc.section_text(s.key) or "".join(p.text for head in present[s.key] for p in doc.under(head))
        if s.key not in ("shortcomings", "plans") and not FIGURE.search(text):
            yield finding(
                doc,
                present[s.key][0],
                f"“{s.name}”部分没有一个数字或日期",
                "写出次数、人数、金额、时间等具体事实",
            )


RANK = {
    "overview": 0,
    "study": 1,
    "virtue": 1,
    "duties": 2,
    "responsibility": 3,
    "integrity": 4,
    "rule_of_law": 5,
    "shortcomings": 6,
    "plans": 7,
}


@text_check("R05")
def section_order(doc: TextDoc, config: Config) -> Iterator[Finding]:
    tops = [p for p in doc.paras if p.level == 1 and p.section]
    last = -1
    seen_integrity = False
    for i, p in enumerate(tops):
        key = p.section
        if key == "democratic_centralism":
            if seen_integrity:
                yield finding(doc, p, "“民主集中制”应写在“述廉”之前")
            continue
        seen_integrity = seen_integrity or key == "integrity"
        rank = RANK.get(key, last)
        if rank < last:
            yield finding(
                doc, p, f"章节顺序不对：“{p.text}”应在前面", "顺序：学/德 → 职 → 责 → 廉 → 法 → 问题 → 打算"
            )
        last = max(last, rank)
        if key == "shortcomings" and i + 1 < len(tops) and tops[i + 1].section != "plans":
            yield finding(doc, tops[i + 1], "“存在问题”之后应紧接“下步打算”")


@text_check("R06")
def enough_shortcomings_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, closing = items_mod.shortcomings(doc)
    if not found:
        yield finding(doc, doc.paras[0], "没有“存在问题”部分", "单列“存在的问题和不足”，至少写 3 条")
    elif len(found) < 3:
        where = found[0].para
        how = "只在结尾一笔带过" if closing is not None else f"只有 {len(found)} 条"
        yield finding(doc, where, f"存在问题{how}，至少应写 3 条", "问题要具体，写明数字、时间或领域")


@text_check("R07")
def concrete_shortcomings_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, _ = items_mod.shortcomings(doc)
    for n, item in enumerate(found, 1):
        for message, hint, severity in concrete_problems(n, item.text, nonspace_len(item.text), config):
            yield finding(doc, item.para, message, hint, snippet=item.text[:20], severity=severity)


def concrete_problems(
    n: int, anchor_text: str, length: int, config: Config
) -> list[tuple[str, str | None, str | None]]:
    """Why shortcoming ``n`` is not concrete (shared by the facts and the text check).

    ``anchor_text`` is searched for figures, ``length`` is its non-blank length; the
    generic-wording finding is a warning (a lexicon heuristic), the others errors.
    """
    out: list[tuple[str, str | None, str | None]] = []
    anchored = bool(QUANTITY.search(anchor_text))
    generic = next((g for g in config.lexicon.generic_shortcomings if g in anchor_text), None)
    if generic and not anchored:
        out.append(
            (
                f"第{n}条问题“{generic}”是笼统的说法，没有具体事实",
                "写出哪件事、哪个数字说明了这个问题",
                "warning",
            )
        )
    elif not anchored:
        out.append(
            (f"第{n}条问题没有数字、时间等具体事实", "如“全年到基层调研9次，其中到非公企业仅1次”", None)
        )
    if length < 40:
        out.append((f"第{n}条问题只有 {length} 个字，写得太简略（至少 40 字）", None, None))
    return out


@text_check("R08")
def good_faults_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    found, _ = items_mod.shortcomings(doc)
    for n, item in enumerate(found, 1):
        hit = next((w for w in config.lexicon.good_faults if w in item.text), None)
        if hit:
            yield finding(
                doc, item.para, f"第{n}条问题“{hit}”是把优点当缺点写（“好缺点”）", "写真实的不足", snippet=hit
            )


@text_check("R10")
def plans_answer_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    problems, _ = items_mod.shortcomings(doc)
    found = items_mod.plans(doc)
    if not found:
        if problems:
            yield finding(doc, problems[-1].para, "没有“下步打算”", "针对每条问题写出措施和完成时限")
        return
    if len(found) < len(problems):
        yield finding(
            doc,
            found[0].para,
            f"下步打算只有 {len(found)} 条，少于 {len(problems)} 条问题",
            "每条问题至少对应一条措施",
        )
    vague = [
        n for n, item in enumerate(found, 1) if not (DEADLINE.search(item.text) or DIGIT.search(item.text))
    ]
    if vague:
        which = "、".join(map(str, vague[:6]))
        yield finding(
            doc,
            found[vague[0] - 1].para,
            f"第{which}条打算没有目标或完成时限",
            "写明下一年几月底前完成什么、达到多少",
        )


@text_check("R11")
def personal_voice(doc: TextDoc, config: Config) -> Iterator[Finding]:
    body = [p for p in doc.paras if p.role in ("body", "heading")]
    if not body:
        return
    if doc.is_unit:
        for p in body:
            m = re.search(r"我(?![们镇县市区局委乡校院所厅部办司处队])", p.text)
            if m:
                yield finding(doc, p, "单位总结不用第一人称“我”", "用单位名称或“我们”", snippet=m.group(0))
                return
        return
    text = "".join(p.text for p in body)
    personal = len(PERSONAL.findall(text))
    institutional = len(INSTITUTIONAL.findall(text))
    if personal < 3:
        yield finding(
            doc,
            body[0],
            f"全文只有 {personal} 处“我/本人”，像单位总结而不是个人述职",
            "述职要讲本人做了什么、本人的不足",
        )
    elif personal < institutional:
        yield finding(
            doc,
            body[0],
            f"“我/本人”（{personal} 处）少于“我们/镇党委”等（{institutional} 处）",
            "述职要讲本人的作为",
        )
    intro = body[0] if body[0].role == "body" else None
    if intro is not None and not PERSONAL.search(intro.text):
        yield finding(doc, intro, "导语里没有“我/本人”")
    for top in sorted({p.top for p in body if p.top}):
        paras = [p for p in body if p.top == top]
        sec_text = "".join(p.text for p in paras)
        inst = len(INSTITUTIONAL.findall(sec_text))
        if inst >= 3 and inst > 2 * len(PERSONAL.findall(sec_text)):
            yield finding(doc, paras[0], f"这一部分只讲“我们/镇党委”（{inst} 处），没有本人的作为")


@text_check("R12")
def integrity_substance_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    spec = getattr(doc, "kind_spec", None)
    if spec is None or spec.section("integrity") is None:
        return
    text = doc.section_text("integrity")
    paras = [p for p in doc.paras if p.section == "integrity"]
    if not paras:
        return
    for message, hint in integrity_problems(text, doc.section_text("responsibility"), config):
        yield finding(doc, paras[0], message, hint)


def integrity_problems(
    integrity_text: str, responsibility_text: str, config: Config
) -> list[tuple[str, str]]:
    """What 述廉/述责 lack (shared by the facts and the text check)."""
    out = []
    topics = [
        name
        for name, words in config.lexicon.integrity_topics.items()
        if any(w in integrity_text for w in words)
    ]
    if len(topics) < 3:
        missing = [n for n in config.lexicon.integrity_topics if n not in topics]
        out.append((f"述廉只涉及 {len(topics)} 个方面（至少 3 个）", "可写：" + "、".join(missing[:4])))
    sentences = re.split(r"[。；;，,]", integrity_text + "。" + responsibility_text)  # clauses
    numeric = [
        s for s in sentences if FIGURE.search(s) and any(w in s for w in config.lexicon.responsibility_items)
    ]
    if len(numeric) < 2:
        out.append(
            (
                f"一岗双责、廉政谈话等只有 {len(numeric)} 项写了数字（至少 2 项）",
                "如“开展廉政谈话14人次”“专题研究党风廉政建设4次”",
            )
        )
    return out


@text_check("R13")
def rule_of_law_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    paras = [p for p in doc.paras if p.section == "rule_of_law"]
    spec = getattr(doc, "kind_spec", None)
    if not paras or spec is None or spec.section("rule_of_law") is None:
        return
    closing = items_mod.closing_paragraph(doc)
    text = "".join(p.text for p in paras if p is not closing)
    for message, hint in rule_of_law_problems(text, config):
        yield finding(doc, paras[0], message, hint)


def rule_of_law_problems(text: str, config: Config) -> list[tuple[str, str]]:
    """What 述法 lacks (shared by the facts and the text check)."""
    out = []
    lex = config.lexicon
    missing = []
    if not any(w in text for w in lex.rule_of_law_study):
        missing.append("学法（会前学法次数或学时）")
    missing += [w for w in lex.rule_of_law_required if w not in text]
    if not any(w in text for w in lex.rule_of_law_any):
        missing.append("出庭应诉、复议、规范性文件审查或普法之一")
    numbers = len(FIGURE.findall(text))
    if missing:
        out.append(("述法缺少：" + "、".join(missing), "述法要写学法、依法决策、依法履职的具体情况"))
    if numbers < 2:
        out.append((f"述法只有 {numbers} 个数字（至少 2 个）", "如“会前学法6次”“出庭应诉率100%”"))
    return out


@text_check("R14")
def length_check(doc: TextDoc, config: Config) -> Iterator[Finding]:
    paras = [p for p in doc.paras if p.role != "title"]
    if not paras:
        return
    n = sum(nonspace_len(p.text) for p in paras)
    low, high, limit = config.length_for(doc.kind, doc.is_unit)
    if n > limit:
        yield finding(
            doc, paras[0], f"全文 {n} 字，超过上限 {limit} 字", "精简履职部分，突出重点", severity="error"
        )
    elif n > high:
        yield finding(doc, paras[0], f"全文 {n} 字，长于建议的 {low}–{high} 字")
    elif n < low:
        yield finding(doc, paras[0], f"全文 {n} 字，短于建议的 {low}–{high} 字", "补充具体事实和数字")


def _section_chars(doc: TextDoc) -> dict[str, int]:
    counts: dict[str, int] = {}
    closing = items_mod.closing_paragraph(doc)
    for p in doc.paras:
        if p.role not in ("body", "heading"):
            continue
        key = p.section or "intro"
        if p is closing:
            head, _, tail = p.text.partition("今后")
            counts["shortcomings"] = counts.get("shortcomings", 0) + nonspace_len(head)
            counts["plans"] = counts.get("plans", 0) + nonspace_len(tail)
            continue
        counts[key] = counts.get(key, 0) + nonspace_len(p.text)
    return counts


@text_check("R15")
def balance(doc: TextDoc, config: Config) -> Iterator[Finding]:
    counts = _section_chars(doc)
    total = sum(counts.values())
    if total < 500:
        return
    first = next((p for p in doc.paras if p.role == "body"), doc.paras[0])
    share = (counts.get("shortcomings", 0) + counts.get("plans", 0)) / total
    if not 0.10 <= share <= 0.30:
        yield finding(
            doc,
            first,
            f"问题和打算占全文 {share:.1%}，建议 10%–30%",
            "问题写具体，打算写措施和时限" if share < 0.10 else "精简问题和打算",
        )
    if doc.kind and doc.kind.startswith("述职述廉") and counts.get("duties", 0) / total > 0.65:
        yield finding(
            doc,
            first,
            f"述职部分占全文 {counts['duties'] / total:.1%}，超过 65%",
            "述廉、述法等部分要写实，避免“述职多、述廉少”",
        )
    if not doc.is_unit and counts.get("plans", 0) / total > 0.20:
        yield finding(doc, first, f"下步打算占全文 {counts['plans'] / total:.1%}，超过 20%", "打算要简短扼要")


_COMPARISON = re.compile(r"(较|比|与|同|相比|超过|高于|低于)$")


@text_check("R23")
def year_consistency_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    if not doc.year:
        return
    for p in doc.paras:
        if p.role != "body" or p.section in (None, "overview", "shortcomings", "plans"):
            continue
        if p is items_mod.closing_paragraph(doc):
            continue
        for message, hint, snippet in year_problems(p.text, doc.year):
            yield finding(doc, p, message, hint, snippet=snippet)


def year_problems(text: str, year: int) -> list[tuple[str, str, str]]:
    """Years in an achievement text other than the report's (shared by the facts and the text check).

    Comparisons (较2023年), ranges (2022—2023年度), histories (2018年以来) and quoted
    names are fine.
    """
    out = []
    plain = strip_quotes(text)
    for m in YEAR.finditer(plain):
        y = int(m.group(1))
        before = plain[max(0, m.start() - 3) : m.start()]
        after = plain[m.end() : m.end() + 5]
        if y == year or _COMPARISON.search(before) or re.search(r"[—－~-]\s*$", before):
            continue
        if re.match(r"\s*年?\s*(以来|以前|前|起|—|－|-)", after):
            continue
        out.append(
            (
                f"述{year}年的工作，却写了{y}年的事（“{excerpt(plain, m.start(), m.end(), 4)}”）",
                f"只写{year}年的工作；比较时写“较{y}年”",
                m.group(0),
            )
        )
    return out


_APPOINTED = re.compile(r"(?:于|由|自)\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")


@text_check("R24")
def tenure_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    if not doc.year:
        return
    appointed = None
    for p in doc.paras[:4]:
        m = _APPOINTED.search(p.text)
        if m and ("任" in p.text or "到" in p.text):
            appointed = (int(m.group(1)), int(m.group(2)))
            break
    if appointed is None:
        return
    yield from _tenure_words(doc, [(p, p.text) for p in doc.paras if p.role == "body"], appointed, doc.year)


def _tenure_words(doc, texts, appointed, year):  # type: ignore[no-untyped-def]
    t = tenure(appointed, year)
    for para, text in texts:
        for word, ok in (("一年来", t.months >= 12), ("半年来", 5 <= t.months <= 7)):
            if word in text and not ok:
                yield finding(
                    doc, para, f"任职 {t.months} 个月，不能写“{word}”", f"写“{t.phrase}”", snippet=word
                )


_TOTAL = re.compile(r"共(?:[^，。；\d]{0,12})(\d+)([人个项次名件户所家场期篇])")


def arithmetic_problems(text: str) -> list[tuple[str, str, str]]:
    """“共N人，其中a人、b人” where a+b > N (shared by the facts and the text check)."""
    out = []
    for m in _TOTAL.finditer(text):
        total, unit = int(m.group(1)), m.group(2)
        sub = re.match(r"[^。；]*?其中([^。；]*)", text[m.end() : m.end() + 80])
        parts = [int(x) for x in re.findall(rf"(\d+){unit}", sub.group(1))] if sub else []
        if parts and sum(parts) > total:
            out.append(
                (
                    f"“共{total}{unit}”，其中各项合计 {sum(parts)}{unit}，超过总数",
                    "核对总数和分项",
                    m.group(0),
                )
            )
    return out


@text_check("R29")
def arithmetic_text(doc: TextDoc, config: Config) -> Iterator[Finding]:
    for p in doc.paras:
        if p.role == "body":
            for message, hint, snippet in arithmetic_problems(p.text):
                yield finding(doc, p, message, hint, snippet=snippet)


@text_check("R30")
def stock_phrases(doc: TextDoc, config: Config) -> Iterator[Finding]:
    body = [p for p in doc.paras if p.role in ("body", "heading")]
    if not body:
        return
    text = "".join(p.text for p in body)
    count = sum(text.count(w) for w in config.lexicon.stock_phrases)
    per_1000 = count * 1000 / max(nonspace_len(text), 1)
    if per_1000 > config.stock_phrases_per_1000:
        top = sorted(config.lexicon.stock_phrases, key=text.count, reverse=True)[:3]
        yield finding(
            doc,
            body[0],
            f"套话偏多：每千字 {per_1000:.1f} 处（建议不超过 "
            f"{config.stock_phrases_per_1000:g}），如“{'”“'.join(top)}”",
            "用数字和事实代替套话",
        )
    leaders = [p for p in body if re.search(r"在[^。；，]{1,30}的(?:正确|坚强)领导下", p.text)]
    if len(leaders) > 1:
        yield finding(doc, leaders[1], f"“在……的正确领导下”出现了 {len(leaders)} 次", "全文只在导语写一次")
    if getattr(doc, "kind_spec", None) is None and not doc.kind:
        return
    # (a) every 述职 sub-section states at least three figures
    duties = [p for p in doc.paras if p.section == "duties" and p.role in ("body", "heading")]
    levels = {n.level for p in duties if (n := heading_number(p.text)) is not None and n.level in (2, 3)}
    sub_level = min(levels) if levels else None
    current, paras = None, []  # type: ignore[var-annotated]
    subs: list[tuple] = []
    for p in duties:
        num = heading_number(p.text)
        if num is not None and num.level == sub_level and len(num.rest) > 2:
            if section_of(num.rest[:30]) not in (None, "duties"):
                if current is not None:
                    subs.append((current, paras))
                current, paras = None, []  # a 学习 or 作风 part nested under 履职情况
                continue
            if current is not None:
                subs.append((current, paras))
            current, paras = p, [p]
        elif current is not None:
            paras.append(p)
    if current is not None:
        subs.append((current, paras))
    for head, paras in subs:
        n = len(NUMBER.findall("".join(x.text for x in paras)))  # real figures, not redactions
        if n < 3:
            yield finding(
                doc, head, f"这一项工作只有 {n} 个数字，建议至少 3 个", "用数据说明做了什么、效果如何"
            )
