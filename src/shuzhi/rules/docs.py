"""What ``report rules`` shows, and the rule table of the README and docs/rules.md, from the registry.

Like ``ruff rule``: every page says what the rule checks, why (with its source), a bad and
a good example, its default level and how to change it locally. Regenerate the README table
and docs/rules.md with ``python -m shuzhi.rules.docs`` (a test keeps them in sync).
"""

from __future__ import annotations

import re
from pathlib import Path

from .base import Rule
from .registry import rules

LEVEL = {"error": "错误", "warning": "警告"}

POLICY = (
    "错误会阻止 `report build` 生成报告，所以只有客观、可核对、在合格的报告上从不误报的缺陷才报错误："
    "占位符（R01）、网站残留（R02）、标题缺年度或文种（R03）、缺少必备章节（R04 前半）、章节顺序（R05）、"
    "编号跳号或重复（R16、R17）、中文里的半角标点（R18）、数字、百分号和年份的写法（R19–R21）、"
    "届次与成文日期不符（R25）、规范表述（R26）、词表里的错别字（R27）、事实文件写明任职时间时的"
    "“一年来”（R24）、分项超过总数（R29）。"
    "凭词表、数量或比例判断内容的规则默认只报警告：章节有没有数字（R04 后半）、问题的条数和具体程度"
    "（R06、R07）、好缺点（R08、R09）、打算的目标和时限（R10）、人称（R11）、述廉述责述法的实质内容"
    "（R12、R13）、篇幅和比例（R14、R15）、概数（R22）、年份（R23）、从正文推断的任职时间（R24）、"
    "相对时间（R28）、套话（R30）、与上年比较（H01、H02）。"
    "警告不阻止生成，但 `check --strict` 和批量汇总表照样列出；本地规则可以把任何一条改为错误。"
)

_BEGIN, _END = "<!-- rules:begin -->", "<!-- rules:end -->"


def one_line(text: str) -> str:
    """Examples may span lines (headings); the table shows them on one."""
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def listing() -> list[str]:
    """The lines of ``report rules``: one per rule."""
    out = []
    for r in rules().values():
        out.append(f"{r.id}  {LEVEL[r.level]}  {r.title}：{r.checks}")
    out.append("")
    out.append(
        "report rules 编号 查看一条规则的说明和示例；在 shuzhi.yaml 的 rules: 下可以关闭规则或改变级别。"
    )
    return out


def page(r: Rule) -> list[str]:
    """The lines of ``report rules R12``."""
    level = LEVEL[r.level]
    if r.text_level and r.text_level != r.level:
        level += f"（检查写好的报告时为{LEVEL[r.text_level]}）"
    where = (
        "事实文件和写好的报告"
        if r.facts and r.text
        else (
            "与 --previous 给出的上年报告比较"
            if r.history
            else ("事实文件" if r.facts else "事实文件生成的报告和写好的报告")
        )
    )
    effect = (
        "有错误时 report build 不生成（加 --draft 生成草稿）"
        if r.level == "error"
        else ("警告不阻止生成；check --strict 时算不通过")
    )
    return [
        f"{r.id} {r.title}",
        "",
        f"检查什么：{r.checks}。",
        f"为什么：{r.why}（依据：{r.source}）",
        f"检查对象：{where}。",
        f"默认级别：{level}。{effect}。",
        "",
        "不好的写法：",
        *(f"    {line}" for line in r.bad.splitlines()),
        "好的写法：",
        *(f"    {line}" for line in r.good.splitlines()),
        "",
        "本地调整（事实文件旁的 shuzhi.yaml，或 --config 指定的文件）：",
        "    rules:",
        f"      {r.id}: off    # 关闭这条规则；写 {_other(r)} 则改为{LEVEL[_other(r)]}",
    ]


def _other(r: Rule) -> str:
    return "warning" if r.level == "error" else "error"


def readme_table() -> str:
    """The rule table of the README's 检查规则 section."""
    lines = [
        _BEGIN,
        "| 编号 | 规则 | 默认级别 | 检查什么 |",
        "| --- | --- | --- | --- |",
    ]
    for r in rules().values():
        lines.append(f"| {r.id} | {r.title} | {LEVEL[r.level]} | {r.checks.replace('|', '／')} |")
    lines.append(_END)
    return "\n".join(lines)


def rules_markdown() -> str:
    """docs/rules.md: the severity policy and every rule's page."""
    out = [
        "# 检查规则",
        "",
        "<!-- 由 python -m shuzhi.rules.docs 从 src/shuzhi/rules/defs 生成，请勿手改 -->",
        "",
        "`report check` 和 `report build` 按下面的规则检查；`report rules` 列出全部，`report rules R12` 显示一条。",
        "",
        "## 级别",
        "",
        POLICY,
        "",
    ]
    for r in rules().values():
        body = page(r)
        facts = [line for line in body[2:6]]  # 检查什么 / 为什么 / 检查对象 / 默认级别
        out += [f"## {body[0]}", "", *(f"- {line}" for line in facts), ""]
        out += ["不好的写法：", "", "```text", *r.bad.splitlines(), "```", ""]
        out += ["好的写法：", "", "```text", *r.good.splitlines(), "```", ""]
        out += ["本地调整：", "", "```yaml", *(line[4:] for line in body[-2:]), "```", ""]
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def sync_readme(readme: str) -> str:
    """The README with its rule table replaced by the registry's."""
    start, end = readme.index(_BEGIN), readme.index(_END) + len(_END)
    return readme[:start] + readme_table() + readme[end:]


def main() -> None:  # pragma: no cover - a maintainer's tool, exercised by the sync test's update mode
    root = Path(__file__).resolve().parents[3]
    readme = root / "README.md"
    readme.write_text(sync_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
