"""Post titles (职务) as Chinese policy texts write them: one vocabulary for reading posts (:mod:`kg.extract.actors`,
:mod:`kg.extract.roster`) and for questions about them (:mod:`kg.answer.people`).

- :data:`OFFICES`: the head of a body and its deputies (局长, 副局长, 党委书记, 一级巡视员 …): a post of the body named
  before the title (市发展改革委主任);
- :data:`LEADERS`: the State Council's leaders (总理, 副总理, 国务委员), also written after a name (温家宝总理);
- :data:`ROLES`: roles in a group (组长, 召集人, 成员, 委员, 联络员): a post of the group the text names.

Ranks and professional titles (教授, 院士) are no posts (:data:`kg.extract.bodies.RANK`).
"""
from __future__ import annotations

_HEADS = ("秘书长", "主任", "局长", "厅长", "部长", "市长", "省长", "区长", "县长", "镇长", "乡长", "书记", "主席", "院长",
          "司长", "处长", "署长", "行长", "校长", "社长", "总经理", "董事长", "总工程师", "矿长", "厂长", "站长", "审计长",
          "检察长", "总编辑", "主编", "司令员")
OFFICES = tuple(sorted({*_HEADS, *("副" + h for h in _HEADS), *("常务副" + h for h in _HEADS), "党组书记", "党委书记", "党委副书记",
                        "党支部书记", "党组成员", "一级巡视员", "二级巡视员", "副巡视员", "巡视员", "新闻发言人", "发言人",
                        "总经济师", "负责人", "参事", "部长助理", "执行副主席"}, key=lambda t: (-len(t), t)))
LEADERS = ("副总理", "总理", "国务委员")
ROLES = ("副组长", "组长", "副召集人", "召集人", "成员", "委员", "联络员")
ALL = tuple(sorted({*OFFICES, *LEADERS, *ROLES}, key=lambda t: (-len(t), t)))


def alternation(titles: tuple[str, ...]) -> str:
    """A regular-expression alternation of ``titles``, longest first (副主任 before 主任)."""
    return "|".join(sorted(titles, key=lambda t: (-len(t), t)))
