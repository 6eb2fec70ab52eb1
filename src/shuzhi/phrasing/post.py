"""A cadre's post as printed: unit and position joined without saying a word twice.

“白沙镇” + “镇党委书记” is 白沙镇党委书记 (not 白沙镇镇党委书记), and “青山县农业农村局” +
“农业农村局局长” is 青山县农业农村局局长. The overlap is merged only when what is left of the
position is still a post of its own: “白沙镇” + “镇长” stays 白沙镇镇长, and “XX局” + “局长”
stays XX局局长, as the genre writes them.
"""

from __future__ import annotations


def join_post(unit: str, position: str) -> str:
    """``unit`` + ``position`` with the longest overlap merged (see the module note)."""
    unit, position = unit.strip(), position.strip()
    if not unit or not position:
        return unit + position
    if position.startswith(unit):
        return position  # the position already names the whole unit
    for k in range(min(len(unit), len(position) - 2), 0, -1):
        if unit.endswith(position[:k]):
            return unit + position[k:]
    return unit + position
