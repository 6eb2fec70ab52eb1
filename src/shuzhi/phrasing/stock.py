"""Stock sentences: the 导语, the lead-in to 存在问题 and the lead-in to 下步打算 (genre.md §1.0).

Thirty reports of one department must not open with the same three sentences, so each stock
sentence has several genre-appropriate wordings. The wording is chosen from who reports (a hash
of name, unit and post: same facts, same bytes), never with the same opener twice in one report,
and “一年来” at most once. Facts override each one: ``intro`` (导语), ``shortcomings.intro``
(存在问题.导语) and ``plans.intro`` (下步打算.导语).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

# {leaders}: “在县委、县政府的正确领导下，” or ""; {post}: unit and position merged; {tenure}:
# 一年来 / 任职以来 / 到任两个月来; {subject}: the kind's 述职 subject; {tail}: 主要有以下三个方面：
INTRO_FULL_YEAR = (
    (
        "一年来，{leaders}在同事们的支持帮助下，我认真履行{position}岗位职责，严格要求自己，"
        "较好完成了各项工作任务。现将{year}年度{subject}报告如下："
    ),
    (
        "一年来，{leaders}在班子成员和同志们的大力支持下，我紧紧围绕{position}岗位职责，"
        "扎实工作、担当作为，较好完成了年度各项目标任务。现将{year}年度{subject}报告如下："
    ),
    (
        "{year}年，{leaders}在同志们的关心帮助下，我始终牢记{position}的岗位职责，"
        "勤勉履职、真抓实干，各项工作取得了新的进展。现将{year}年度{subject}报告如下："
    ),
    (
        "{year}年，{leaders}在全体干部职工的有力支持下，我认真履行{position}岗位职责，"
        "坚持守正创新、务实笃行，较好完成了组织交给的各项任务。现将{year}年度{subject}报告如下："
    ),
)
INTRO_NO_LEADERS = (
    "根据相关规定和要求，现将本人{year}年度{subject}报告如下：",
    "按照组织安排和年度考核要求，现将本人{year}年度{subject}报告如下：",
    "按照述职工作的有关要求，本人对{year}年的工作进行了认真梳理，现将{year}年度{subject}报告如下：",
)
INTRO_PART_YEAR = (
    (
        "根据组织安排，本人于{appointed}任{post}。{tenure}，{leaders}我认真履行岗位职责，"
        "严格要求自己，各项工作有序推进。现将{year}年度{subject}报告如下："
    ),
    (
        "{appointed}，组织安排我任{post}。{tenure}，{leaders}我虚心学习、尽快进入角色，"
        "认真履行岗位职责，各项工作有序推进。现将{year}年度{subject}报告如下："
    ),
    (
        "本人自{appointed}起担任{post}。{tenure}，{leaders}我坚持边学边干、真抓实干，"
        "努力履行好岗位职责。现将{year}年度{subject}报告如下："
    ),
)
INTRO_UNIT = (
    (
        "{year}年，{unit}{leaders}紧紧围绕中心、服务大局，较好完成了全年各项目标任务。"
        "现将{year}年工作总结和{next_year}年工作思路报告如下："
    ),
    (
        "{year}年，{unit}{leaders}认真贯彻落实上级决策部署，凝心聚力、攻坚克难，各项工作取得新成效。"
        "现将{year}年工作总结和{next_year}年工作思路报告如下："
    ),
    (
        "{year}年，{unit}{leaders}坚持稳中求进，扎实做好各项工作，圆满完成了年度目标任务。"
        "现将{year}年工作总结和{next_year}年工作思路报告如下："
    ),
)
SHORTCOMINGS = (
    "{tenure}，本人虽然做了一些工作，但对照组织要求和群众期盼，还存在一些差距和不足，{tail}",
    "回顾{period}的工作，虽然取得了一些成效，但对照上级要求和群众期盼，自身还存在一些差距和不足，{tail}",
    "在肯定成绩的同时，我也清醒地认识到，对照新形势新任务新要求，自身还存在一些差距和不足，{tail}",
    "认真反思{period}的工作，本人还存在一些差距和不足，离组织的要求和群众的期盼还有距离，{tail}",
)
SHORTCOMINGS_UNIT = (
    "对照上级要求和群众期盼，工作中还存在一些问题和不足，{tail}",
    "在肯定成绩的同时，也要清醒地看到，工作中还存在一些短板和不足，{tail}",
    "回顾{year}年的工作，还存在一些问题和不足，{tail}",
)
PLANS = (
    "下一步，我将坚持问题导向，针对上述不足逐项整改，{tail}",
    "在今后的工作中，我将针对上述问题，认真加以整改，{tail}",
    "今后，本人将以问题为导向，对照不足抓好整改落实，{tail}",
    "针对以上问题，我将认真剖析原因、切实加以整改，{tail}",
)
PLANS_UNIT = (
    "{next_year}年，{unit}将坚持问题导向和目标导向，{tail}",
    "{next_year}年，{unit}将聚焦短板弱项，对标上级要求，{tail}",
    "{next_year}年，{unit}将紧紧围绕上级决策部署，针对存在的问题，{tail}",
)


def opener(sentence: str) -> str:
    """The opening phrase of a sentence: up to its first comma or full stop."""
    ends = [i for i in map(sentence.find, "，。：；") if i >= 0]
    return sentence[: min(ends)] if ends else sentence


@dataclass(frozen=True)
class Chooser:
    """Picks wordings for one report; ``seed`` says who reports."""

    seed: str

    def pick(self, name: str, options: Sequence[str], fields: dict[str, str], avoid: list[str]) -> str:
        """The wording of ``name`` for this reporter, filled with ``fields``.

        Options whose opener is already used in the report, or that would say a tenure phrase
        (一年来 …) the report already says, are skipped while another one is left.
        """
        filled = [option.format_map(fields) for option in options]
        used = {opener(text) for text in avoid}
        tenure = fields.get("tenure", "")
        said = tenure and any(tenure in text for text in avoid)
        allowed = [t for t in filled if opener(t) not in used and not (said and tenure in t)]
        pool = allowed or filled
        digest = hashlib.sha256(f"{name}\x00{self.seed}".encode()).digest()
        return pool[int.from_bytes(digest[:8], "big") % len(pool)]


def leaders_clause(leaders: str, unit_voice: bool) -> str:
    """“在县委、县政府的正确领导下，” (units: 坚强领导), or "" without leaders."""
    if not leaders:
        return ""
    return f"在{leaders}的{'坚强' if unit_voice else '正确'}领导下，"
