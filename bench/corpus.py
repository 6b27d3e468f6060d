"""Synthetic policy-like documents for the build benchmark (and the build tests): Chinese and English.

``write_corpus(folder, n, seed)`` writes ``n`` documents of about 2,000 characters each (``syn_<i>.txt``
and a ``syn_<i>.json`` sidecar), about one in five in English. Each is shaped like the texts nikg reads:
a title naming a plan with its period, a 文号 and date, numbered sections and tasks, targets with value,
unit and deadline, responsible agencies, a meeting with its date. Everything is written by this module
(no third-party text); the same ``(n, seed)`` gives the same files, so runs compare.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

CITIES = ["上海市", "北京市", "天津市", "重庆市", "广州市", "深圳市", "杭州市", "南京市", "武汉市", "成都市",
          "西安市", "苏州市", "青岛市", "厦门市", "长沙市", "郑州市", "合肥市", "济南市", "沈阳市", "昆明市"]
CITIES_EN = ["Shanghai", "Beijing", "Tianjin", "Chongqing", "Guangzhou", "Shenzhen", "Hangzhou", "Nanjing", "Wuhan",
             "Chengdu", "Xi'an", "Suzhou", "Qingdao", "Xiamen", "Changsha", "Zhengzhou", "Hefei", "Jinan", "Shenyang",
             "Kunming"]
TOPICS = [("新型基础设施建设", "new infrastructure construction"), ("数字经济发展", "digital economy development"),
          ("生态环境保护", "ecological environment protection"), ("公共卫生体系建设", "public health system building"),
          ("城市更新", "urban renewal"), ("乡村振兴", "rural revitalisation"), ("科技创新", "technological innovation"),
          ("营商环境优化", "business environment improvement"), ("绿色低碳发展", "green and low-carbon development"),
          ("养老服务体系建设", "elderly care services"), ("交通强市建设", "transport development"),
          ("人工智能产业发展", "artificial intelligence industry development")]
AGENCIES = ["市发展改革委", "市经济信息化委", "市科委", "市商务委", "市交通委", "市生态环境局", "市卫生健康委",
            "市财政局", "市住房城乡建设管理委", "市农业农村委", "市教委", "市人力资源社会保障局", "市规划资源局"]
AGENCIES_EN = ["Municipal Development and Reform Commission", "Municipal Commission of Economy and Informatization",
               "Municipal Science and Technology Commission", "Municipal Commerce Commission",
               "Municipal Transportation Commission", "Municipal Bureau of Ecology and Environment",
               "Municipal Health Commission", "Municipal Finance Bureau"]
THINGS = [("5G基站", "个", "5G base stations"), ("数据中心机架", "个", "data centre racks"),
          ("充电桩", "个", "charging piles"), ("公共服务平台", "个", "public service platforms"),
          ("城市公园", "座", "city parks"), ("养老床位", "张", "elderly care beds"),
          ("保障性住房", "套", "affordable homes"), ("新能源公交车", "辆", "new energy buses"),
          ("创新中心", "家", "innovation centres"), ("工业互联网平台", "个", "industrial internet platforms")]
VERBS = ["加快建设", "推进", "完善", "优化", "支持", "培育", "提升", "统筹布局", "深化", "强化"]
OBJECTS = ["网络基础设施", "数据中心和计算平台", "重大科技基础设施", "智慧交通体系", "公共服务能力", "产业创新生态",
           "城市治理体系", "绿色能源网络", "应急保障能力", "人才培养机制", "资金保障机制", "监测评估制度"]
CLAUSES = ["坚持统筹规划、分步实施", "注重需求牵引、应用导向", "强化政策协同和要素保障", "鼓励社会资本参与",
           "形成可复制可推广的经验", "提升市民获得感和满意度", "推动区域协调发展", "加强数据共享和安全管理"]
NUMERALS = "一二三四五六七八九十"
EN_VERBS = ["accelerate", "improve", "expand", "support", "upgrade", "strengthen", "promote", "coordinate"]
EN_OBJECTS = ["network infrastructure", "data centres and computing platforms", "smart transport",
              "public services", "the innovation ecosystem", "urban governance", "green energy networks",
              "emergency response capacity", "talent training", "financial support"]


def _target(r: random.Random, year: int) -> str:
    name, unit, _ = r.choice(THINGS)
    value = r.choice([r.randint(2, 99) * 100, r.randint(10, 500), r.randint(1, 9) * 1000])
    return f"到{year}年，全市建成{name}{value}{unit}以上"


def _zh_task(r: random.Random, n: int, year: int) -> str:
    obj = r.choice(OBJECTS)
    lead = r.sample(AGENCIES, 2)
    body = "，".join(r.sample(CLAUSES, 3))
    return (f"（{NUMERALS[n]}）{r.choice(VERBS)}{obj}。{r.choice(VERBS)}{r.choice(OBJECTS)}，{body}。"
            f"{_target(r, year)}。（责任单位：{lead[0]}、{lead[1]}）")


def chinese(i: int, r: random.Random) -> tuple[str, dict]:
    city, (topic, _) = r.choice(CITIES), r.choice(TOPICS)
    start = r.randint(2018, 2023)
    end = start + r.choice([2, 3, 4])
    plan = f"《{city}{topic}行动方案（{start}-{end}年）》"
    month, day = r.randint(1, 12), r.randint(1, 28)
    lines = [f"{city}人民政府关于印发{plan}的通知", "",
             f"{city[:1]}府发〔{start}〕{r.randint(1, 60)}号", "",
             f"各区人民政府，市政府各委、办、局：{month}月{day}日，市政府常务会议审议通过了{plan}，现印发给你们，"
             f"请认真按照执行。", ""]
    for s in range(4):
        lines += [f"{NUMERALS[s]}、{r.choice(VERBS)}{r.choice(OBJECTS)}", ""]
        for t in range(4):
            lines += [_zh_task(r, t, end), ""]
    lines += [f"{city}人民政府", f"{start}年{month}月{day}日"]
    meta = {"title": lines[0], "language": "zh", "published": f"{start}-{month:02d}-{day:02d}", "kind": "notice",
            "authoritative": True}
    return "\n".join(lines) + "\n", meta


def english(i: int, r: random.Random) -> tuple[str, dict]:
    k = r.randrange(len(CITIES_EN))
    city, (_, topic) = CITIES_EN[k], r.choice(TOPICS)
    start = r.randint(2018, 2023)
    end = start + r.choice([2, 3, 4])
    title = f"{city} issues action plan on {topic} ({start}-{end})"
    lines = [title, "", f"On {r.choice(['March', 'May', 'June', 'September'])} {r.randint(1, 28)}, {start}, the {city} "
             f"Municipal Government held a press conference on the {city} Action Plan for {topic.title()} "
             f"({start}-{end}).", ""]
    for _ in range(11):
        name, _, things = r.choice(THINGS)
        agency = r.choice(AGENCIES_EN)
        lines += [f"The plan will {r.choice(EN_VERBS)} {r.choice(EN_OBJECTS)} and {r.choice(EN_VERBS)} "
                  f"{r.choice(EN_OBJECTS)}. By {end}, the city will build more than {r.randint(2, 90) * 100:,} "
                  f"{things}. The {city} {agency} will lead this work, together with district governments, "
                  f"and report progress every year.", ""]
    meta = {"title": title, "language": "en", "published": f"{start}-06-01", "kind": "news report",
            "authoritative": False}
    return "\n".join(lines) + "\n", meta


def document(i: int, seed: int = 7) -> tuple[str, dict]:
    """The text and sidecar of synthetic document ``i`` (deterministic in ``(i, seed)``)."""
    r = random.Random(seed * 1_000_003 + i)
    return english(i, r) if i % 5 == 4 else chinese(i, r)


def write_corpus(folder: Path, n: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Write documents ``start .. start+n-1`` into ``folder``; return the text files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        text, meta = document(i, seed)
        path = folder / f"syn_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out
