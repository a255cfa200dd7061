#!/usr/bin/env python3
"""Generate the hongze-2022-07 demo data (roster.csv, trips.csv, voids.csv, README.md).

Deterministic: every row is written out below, nothing is random. Standard library only.
Run from anywhere:  python3 examples/hongze-2022-07/generate.py

After writing the files the script re-reads them, counts each head's July 2022 days with
the policy's rules (half days, no double counting of overlaps, void trips and video talks
excluded, prorating for partial months) and asserts the outcomes the demo must show.
"""

import csv
import datetime as dt
import io
import os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

YEAR, MONTH = 2022, 7
MONTH_FIRST = dt.date(YEAR, MONTH, 1)
MONTH_LAST = dt.date(YEAR, MONTH, 31)
DAYS_IN_MONTH = 31
LATEST_START = dt.date(2022, 8, 31)

# --- tiers (mirrors rules/default.toml) --------------------------------------------------------
TIERS = [
    ("town", 10, ["高良涧街道", "朱坝街道", "黄集街道", "岔河镇", "西顺河镇", "老子山镇",
                  "三河镇", "东双沟镇", "共和镇", "洪泽经济开发区"]),
    ("industry", 10, ["工信局", "发改委", "农业农村局", "商务局"]),
    ("task", 5, ["住建局", "文旅局", "财政局", "人社局", "教体局", "城管局", "审计局", "残联",
                 "医保局", "古堰景区", "应急管理局", "生态环境局", "统计局"]),
]
TIER_OF = {u: (tid, mn) for tid, mn, units in TIERS for u in units}
UNIT_ORDER = [u for _, _, units in TIERS for u in units]

# --- roster: unit, name, role, from, to --------------------------------------------------------
ROSTER = [
    ("高良涧街道", "李某", "党工委书记", "2021-06-01", ""),
    ("高良涧街道", "张某", "办事处主任", "", ""),
    ("朱坝街道", "王某", "党工委书记", "2021-09-01", ""),
    ("朱坝街道", "刘某", "办事处主任", "", ""),
    ("黄集街道", "陈某", "党工委书记", "", ""),
    ("黄集街道", "杨某", "办事处主任", "2021-06-01", ""),
    ("岔河镇", "赵某", "党委书记", "", ""),
    ("岔河镇", "黄某", "镇长", "2021-03-15", ""),
    ("西顺河镇", "周某", "党委书记", "", ""),
    ("西顺河镇", "吴某", "镇长", "", ""),
    ("老子山镇", "徐某", "党委书记", "2021-11-01", ""),
    ("老子山镇", "孙某", "镇长", "", ""),
    ("三河镇", "胡某", "党委书记", "", ""),
    ("三河镇", "朱某", "镇长", "", ""),
    ("东双沟镇", "高某", "党委书记", "", ""),
    ("东双沟镇", "林某", "镇长", "2021-06-01", ""),
    ("共和镇", "何某", "党委书记", "", ""),
    ("共和镇", "郭某", "镇长", "2020-09-01", "2022-07-15"),
    ("共和镇", "马某", "镇长", "2022-07-16", ""),
    ("洪泽经济开发区", "罗某", "党工委书记", "", ""),
    ("洪泽经济开发区", "梁某", "管委会主任", "2021-06-01", ""),
    ("工信局", "宋某", "局长", "", ""),
    ("发改委", "郑某", "主任", "", ""),
    ("农业农村局", "谢某", "局长", "2021-08-01", ""),
    ("商务局", "韩某", "局长", "", ""),
    ("住建局", "唐某", "局长", "", ""),
    ("文旅局", "冯某", "局长", "", ""),
    ("财政局", "于某", "局长", "", ""),
    ("人社局", "董某", "局长", "", ""),
    ("教体局", "萧某", "局长", "2021-06-01", ""),
    ("城管局", "程某", "局长", "", ""),
    ("审计局", "曹某", "局长", "", ""),
    ("残联", "袁某", "理事长", "", ""),
    ("医保局", "邓某", "局长", "", ""),
    ("古堰景区", "许某", "管委会主任", "", ""),
    ("应急管理局", "傅某", "局长", "", ""),
    ("生态环境局", "沈某", "局长", "2021-06-01", ""),
    ("统计局", "曾某", "局长", "", ""),
]

# --- purposes and companies --------------------------------------------------------------------
VISIT = "拜访企业"
TALK = "洽谈项目"
FAIR = "参加招商推介会"
VIDEO = "视频洽谈"

C = {
    "上海": ["上海某某新材料有限公司", "上海某某生物医药有限公司", "上海某某智能装备有限公司"],
    "苏州": ["苏州某某精密机械有限公司", "苏州某某电子科技有限公司"],
    "深圳": ["深圳某某新能源科技有限公司", "深圳某某智能科技有限公司"],
    "杭州": ["杭州某某网络科技有限公司", "杭州某某食品有限公司"],
    "南京": ["南京某某医疗器械有限公司", "江苏某某科技有限公司"],
    "无锡": ["无锡某某半导体有限公司", "无锡某某纺织机械有限公司"],
    "宁波": ["宁波某某模具有限公司", "宁波某某汽车零部件有限公司"],
    "合肥": ["合肥某某光电科技有限公司", "安徽某某新能源有限公司"],
    "北京": ["北京某某环保科技有限公司", "北京某某信息技术有限公司"],
    "广州": ["广州某某化工有限公司", "广州某某电器有限公司"],
    "常州": ["常州某某光伏科技有限公司", "常州某某机电有限公司"],
    "扬州": ["扬州某某船舶配件有限公司"],
}


def co(dest, *picks):
    """Companies of `dest` by index, joined with ';'."""
    return ";".join(C[dest][i] for i in picks)


# --- trips: unit, name, start, end, destination, purpose, companies, kind ----------------------
# Month-day shorthand "07-05" -> 2022-07-05; "07-04 PM" keeps its half-day mark.
def d(s):
    return "2022-" + s if s else ""


def trip(unit, name, start, end, dest, purpose, companies, kind="visit"):
    return (unit, name, d(start), d(end), dest, purpose, companies, kind)


def joint(unit, names, start, end, dest, purpose, companies):
    """Both heads of a unit travelling together: one row per head."""
    return [trip(unit, n, start, end, dest, purpose, companies) for n in names]


TRIPS = []
T = TRIPS.append
J = TRIPS.extend

# 高良涧街道 — joint trip to 苏州; 李某's last trip runs into August (only 07-29..31 count in July)
J(joint("高良涧街道", ["李某", "张某"], "07-05", "07-07", "苏州", VISIT, co("苏州", 0, 1)))
T(trip("高良涧街道", "李某", "07-12", "07-15", "深圳", TALK, co("深圳", 0, 1)))
T(trip("高良涧街道", "张某", "07-11", "07-13", "无锡", VISIT, co("无锡", 0)))
T(trip("高良涧街道", "张某", "07-18", "07-21", "南京", TALK, co("南京", 0, 1)))
T(trip("高良涧街道", "李某", "07-20", "07-22", "杭州", FAIR, co("杭州", 0, 1)))
T(trip("高良涧街道", "张某", "07-26", "07-27", "常州", VISIT, co("常州", 1)))
T(trip("高良涧街道", "李某", "07-29", "08-02", "上海", VISIT, co("上海", 0, 2)))

# 朱坝街道 — short: each head out one day only (刘某's row leaves kind empty = visit)
T(trip("朱坝街道", "王某", "07-14", "", "南京", VISIT, co("南京", 1)))
T(trip("朱坝街道", "刘某", "07-21", "", "扬州", VISIT, co("扬州", 0), kind=""))

# 黄集街道 — short: one day each; 杨某's video talk does not count
T(trip("黄集街道", "陈某", "07-08", "", "南京", TALK, co("南京", 0)))
T(trip("黄集街道", "杨某", "07-19", "", "无锡", VISIT, co("无锡", 1)))
T(trip("黄集街道", "杨某", "07-26", "", "深圳", VIDEO, co("深圳", 1), kind="video"))

# 岔河镇 — 黄某's first trip started in June (only 07-01..02 count); joint trip to 宁波
T(trip("岔河镇", "黄某", "06-29", "07-02", "上海", TALK, co("上海", 1)))
J(joint("岔河镇", ["赵某", "黄某"], "07-05", "07-08", "宁波", FAIR, co("宁波", 0, 1)))
T(trip("岔河镇", "黄某", "07-12", "07-14", "常州", VISIT, co("常州", 0)))
T(trip("岔河镇", "赵某", "07-13", "07-15", "合肥", TALK, co("合肥", 0)))
T(trip("岔河镇", "赵某", "07-19", "07-22", "苏州", VISIT, co("苏州", 0, 1)))
T(trip("岔河镇", "黄某", "07-25", "07-27", "杭州", VISIT, co("杭州", 1)))
T(trip("岔河镇", "赵某", "07-27", "07-28", "南京", VISIT, co("南京", 0), kind=""))

# 西顺河镇 — 周某 leaves at noon on 07-04 (half a day), so his total ends in .5; 吴某 exactly 10
T(trip("西顺河镇", "周某", "07-04 PM", "07-06", "上海", FAIR, co("上海", 0, 1, 2)))
T(trip("西顺河镇", "吴某", "07-05", "07-08", "杭州", VISIT, co("杭州", 0)))
T(trip("西顺河镇", "周某", "07-11", "07-14", "广州", TALK, co("广州", 0, 1)))
T(trip("西顺河镇", "吴某", "07-13", "07-15", "南京", VISIT, co("南京", 0, 1)))
T(trip("西顺河镇", "周某", "07-19", "07-21", "苏州", VISIT, co("苏州", 0)))
T(trip("西顺河镇", "吴某", "07-20", "07-22", "常州", TALK, co("常州", 0)))
T(trip("西顺河镇", "周某", "07-26", "07-27", "无锡", VISIT, co("无锡", 0, 1)))

# 老子山镇 — joint trip to 北京; 孙某 returns at noon on 07-20 (half a day)
T(trip("老子山镇", "孙某", "07-04", "07-06", "苏州", VISIT, co("苏州", 1)))
T(trip("老子山镇", "徐某", "07-05", "07-07", "上海", TALK, co("上海", 0)))
J(joint("老子山镇", ["徐某", "孙某"], "07-12", "07-15", "北京", FAIR, co("北京", 0, 1)))
T(trip("老子山镇", "孙某", "07-18", "07-20 AM", "南京", TALK, co("南京", 0)))
T(trip("老子山镇", "徐某", "07-19", "07-21", "合肥", VISIT, co("合肥", 0, 1)))
T(trip("老子山镇", "孙某", "07-25", "07-27", "宁波", VISIT, co("宁波", 1)))
T(trip("老子山镇", "徐某", "07-26", "07-28", "无锡", VISIT, co("无锡", 1)))

# 三河镇 — joint trip to 深圳
T(trip("三河镇", "胡某", "07-05", "07-07", "上海", VISIT, co("上海", 1, 2)))
J(joint("三河镇", ["胡某", "朱某"], "07-11", "07-15", "深圳", FAIR, co("深圳", 0, 1)))
T(trip("三河镇", "胡某", "07-19", "07-21", "杭州", TALK, co("杭州", 0)))
T(trip("三河镇", "朱某", "07-19", "07-22", "苏州", VISIT, co("苏州", 0, 1)))
T(trip("三河镇", "胡某", "07-26", "07-29", "广州", VISIT, co("广州", 0, 1)))
T(trip("三河镇", "朱某", "07-26", "07-28", "常州", TALK, co("常州", 0, 1)))

# 东双沟镇
T(trip("东双沟镇", "高某", "07-04", "07-07", "南京", VISIT, co("南京", 0, 1)))
T(trip("东双沟镇", "林某", "07-06", "07-08", "合肥", TALK, co("合肥", 1)))
T(trip("东双沟镇", "高某", "07-12", "07-14", "无锡", VISIT, co("无锡", 0)))
T(trip("东双沟镇", "林某", "07-13", "07-15", "苏州", VISIT, co("苏州", 0)))
T(trip("东双沟镇", "高某", "07-19", "07-22", "上海", FAIR, co("上海", 0, 1)))
T(trip("东双沟镇", "林某", "07-20", "07-21", "常州", VISIT, co("常州", 1)))
T(trip("东双沟镇", "林某", "07-26", "07-28", "宁波", TALK, co("宁波", 0)))

# 共和镇 — 郭某 left on 07-15 (owes 5 days), 马某 took over on 07-16 (owes 5.5 days)
T(trip("共和镇", "郭某", "07-04", "07-06", "南京", VISIT, co("南京", 0)))
T(trip("共和镇", "何某", "07-05", "07-08", "上海", TALK, co("上海", 0, 2)))
T(trip("共和镇", "郭某", "07-11", "07-12", "无锡", VISIT, co("无锡", 0, 1)))
T(trip("共和镇", "何某", "07-12", "07-14", "苏州", VISIT, co("苏州", 0)))
J(joint("共和镇", ["何某", "马某"], "07-18", "07-20", "杭州", FAIR, co("杭州", 0, 1)))
T(trip("共和镇", "马某", "07-26 PM", "07-28", "上海", TALK, co("上海", 1)))
T(trip("共和镇", "何某", "07-26", "07-27", "南京", VISIT, co("南京", 1)))

# 洪泽经济开发区 — two joint trips (北京, 深圳)
T(trip("洪泽经济开发区", "罗某", "07-01", "", "南京", VISIT, co("南京", 0)))
J(joint("洪泽经济开发区", ["罗某", "梁某"], "07-05", "07-08", "北京", FAIR, co("北京", 0, 1)))
T(trip("洪泽经济开发区", "罗某", "07-12", "07-14", "上海", TALK, co("上海", 0, 1)))
T(trip("洪泽经济开发区", "梁某", "07-12", "07-15", "苏州", VISIT, co("苏州", 0, 1)))
J(joint("洪泽经济开发区", ["罗某", "梁某"], "07-19", "07-22", "深圳", TALK, co("深圳", 0, 1)))
T(trip("洪泽经济开发区", "罗某", "07-26", "07-29", "广州", VISIT, co("广州", 0, 1)))
T(trip("洪泽经济开发区", "梁某", "07-27", "07-28", "杭州", VISIT, co("杭州", 0)))

# 工信局 — the 07-25 常州 trip is voided afterwards (see voids.csv); he complies either way
T(trip("工信局", "宋某", "07-04", "07-07", "深圳", VISIT, co("深圳", 0, 1)))
T(trip("工信局", "宋某", "07-12", "07-14", "苏州", TALK, co("苏州", 0)))
T(trip("工信局", "宋某", "07-19", "07-21", "上海", FAIR, co("上海", 0, 1, 2)))
T(trip("工信局", "宋某", "07-25", "", "常州", VISIT, co("常州", 0)))
T(trip("工信局", "宋某", "07-27", "07-28", "无锡", VISIT, co("无锡", 0)))

# 发改委 — a video talk on top of his visits
T(trip("发改委", "郑某", "07-05", "07-08", "北京", TALK, co("北京", 0, 1)))
T(trip("发改委", "郑某", "07-13", "07-15", "上海", VISIT, co("上海", 2)))
T(trip("发改委", "郑某", "07-18", "", "合肥", VIDEO, co("合肥", 1), kind="video"))
T(trip("发改委", "郑某", "07-20", "07-22", "合肥", TALK, co("合肥", 0, 1)))
T(trip("发改委", "郑某", "07-27", "", "南京", VISIT, co("南京", 1)))

# 农业农村局
T(trip("农业农村局", "谢某", "07-06", "07-08", "宁波", VISIT, co("宁波", 0)))
T(trip("农业农村局", "谢某", "07-12", "07-15", "上海", TALK, co("上海", 1)))
T(trip("农业农村局", "谢某", "07-19", "07-21", "杭州", VISIT, co("杭州", 1)))
T(trip("农业农村局", "谢某", "07-26", "07-28", "苏州", FAIR, co("苏州", 0, 1)))

# 商务局 — 上海 07-11..13 and 苏州 07-13..15 share 07-13: counted once (5 days, not 6)
T(trip("商务局", "韩某", "07-04", "07-06", "上海", FAIR, co("上海", 0, 1, 2)))
T(trip("商务局", "韩某", "07-11", "07-13", "上海", TALK, co("上海", 0)))
T(trip("商务局", "韩某", "07-13", "07-15", "苏州", VISIT, co("苏州", 0, 1)))
T(trip("商务局", "韩某", "07-19", "07-22", "广州", VISIT, co("广州", 0, 1)))
T(trip("商务局", "韩某", "07-26", "07-29", "深圳", TALK, co("深圳", 0, 1)))

# task-tier units that went nowhere in July: only video talks. (No trip of another month: one starting in June or
# August would make that month one of the ledger's, owed by every unit.)
T(trip("住建局", "唐某", "07-08", "", "上海", VIDEO, co("上海", 2), kind="video"))
T(trip("文旅局", "冯某", "07-21", "", "杭州", VIDEO, co("杭州", 0), kind="video"))
T(trip("财政局", "于某", "07-27", "", "南京", VIDEO, co("南京", 1), kind="video"))

# 统计局 — complies with 6 days (needs 5)
T(trip("统计局", "曾某", "07-06", "07-07", "南京", VISIT, co("南京", 0)))
T(trip("统计局", "曾某", "07-20", "07-22", "上海", TALK, co("上海", 1)))
T(trip("统计局", "曾某", "07-27", "", "无锡", VISIT, co("无锡", 0)))

# --- voids: unit, name, start, destination, reason ---------------------------------------------
VOIDS = [
    ("工信局", "宋某", "2022-07-25", "常州", "经核查当日在区内参加会议，未外出"),
]

README = """\
# 洪泽区 2022 年 7 月外出招商演示数据 / Hongze district, July 2022 demo data

本目录是 `zhaoshang` 的演示数据，复现洪泽区 2022 年 7 月外出招商情况通报（人名均已匿名为“某”）。
`roster.csv` 为各单位负责人花名册，`trips.csv` 为外出招商登记，`voids.csv` 为事后作废的一条登记。
文件由 `generate.py` 生成（`python3 generate.py`），请勿手工修改；脚本同时核算每人 7 月天数并自检。

This folder is demo data for `zhaoshang`, reproducing the district's July 2022 bulletin on days
spent out on investment promotion (names anonymised). `roster.csv` lists each unit's heads,
`trips.csv` the recorded trips and `voids.csv` one trip voided afterwards. All files are written
by `generate.py` (`python3 generate.py`), which also counts each head's July days and checks them.

README 中的操作示例（A tour）另用三个文件，演示不读取：`7月请假.csv`（请假记录）、`朱坝街道7月补报.xlsx`
（单位补报的工作簿）和 `朱坝街道情况说明.pdf`（情况说明），由 `make-tour-files.py` 生成。
The README's tour also uses three files the demo does not read: `7月请假.csv` (leave),
`朱坝街道7月补报.xlsx` (a unit's workbook of late trips) and `朱坝街道情况说明.pdf` (an explanation),
written by `make-tour-files.py`.

演示应显示 / The July 2022 check should show:

- 未达标（14 个单位）/ short (14 units): 朱坝街道、黄集街道（两位主要负责人各仅外出 1 天 / both heads out 1 day each）；
  住建局、文旅局、财政局、人社局、教体局、城管局、审计局、残联、医保局、古堰景区、应急管理局、生态环境局（0 天；视频洽谈不计入 / 0 days; video talks do not count）。
- 其余单位均达标 / every other unit complies（统计局 6 天 ≥ 5；镇街、产业部门负责人 10 至 16 天 / town and industry heads 10 to 16 days）。
- 共和镇镇长 7 月 16 日交接：郭某（至 7 月 15 日）应外出 5 天，马某（自 7 月 16 日）应外出 5.5 天，均按在任天数折算并达标 /
  共和镇 changed 镇长 on 16 July: the quotas are prorated to 5 and 5.5 days, and both meet them.
- 另含：两人同行的联合外出、跨月行程（只计 7 月部分）、上午/下午半天、商务局重叠行程只计一次 /
  Also: joint trips, trips crossing a month end (only July days count), half days (AM/PM), overlapping trips counted once.
- 作废 / voided: 工信局 宋某 2022-07-25 常州 — 作废后其 7 月天数由 13 天降为 12 天，仍达标，单位状态不变 /
  voiding it lowers his July days from 13 to 12; he still complies, so no unit's status changes.
"""


# --- writing -----------------------------------------------------------------------------------
def write_csv(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_all():
    write_csv("roster.csv", ["unit", "name", "role", "from", "to"], ROSTER)
    write_csv("trips.csv", ["unit", "name", "start", "end", "destination", "purpose", "companies", "kind"], TRIPS)
    write_csv("voids.csv", ["unit", "name", "start", "destination", "reason"], VOIDS)
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="") as f:
        f.write(README)


# --- counting (the policy's rules) -------------------------------------------------------------
def parse_date(text):
    return dt.date.fromisoformat(text)


def parse_mark(text):
    """'2022-07-04 PM' -> (date, 'PM'); '2022-07-04' -> (date, '')."""
    parts = text.split(" ")
    assert len(parts) in (1, 2), text
    mark = parts[1] if len(parts) == 2 else ""
    assert mark in ("", "AM", "PM"), text
    return parse_date(parts[0]), mark


def half(day, afternoon):
    return day.toordinal() * 2 + (1 if afternoon else 0)


def trip_halves(row):
    start, smark = parse_mark(row["start"])
    end, emark = parse_mark(row["end"]) if row["end"] else (start, "")
    assert smark != "AM", "a start may only carry PM"
    assert emark != "PM", "an end may only carry AM"
    lo = half(start, smark == "PM")
    hi = half(end, emark != "AM")
    return start, end, lo, hi


def read_csv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        raw = f.read()
    assert not raw.startswith("\ufeff") and "\r" not in raw, name
    return list(csv.DictReader(io.StringIO(raw)))


def required(min_days, days_in_post):
    if days_in_post >= DAYS_IN_MONTH:
        return float(min_days)
    halves = -(-2 * min_days * days_in_post // DAYS_IN_MONTH)  # ceil
    return halves / 2


def post_window(post):
    """(first, last) day of the post inside July, or None."""
    first = parse_date(post["from"]) if post["from"] else dt.date.min
    last = parse_date(post["to"]) if post["to"] else dt.date.max
    first, last = max(first, MONTH_FIRST), min(last, MONTH_LAST)
    return (first, last) if first <= last else None


def count(posts, trips, voids):
    void_keys = {(v["unit"], v["name"], v["start"], v["destination"]) for v in voids}
    ranges = defaultdict(list)
    for t in trips:
        if (t["unit"], t["name"], t["start"], t["destination"]) in void_keys:
            continue
        if (t["kind"] or "visit") != "visit":
            continue
        _, _, lo, hi = trip_halves(t)
        ranges[(t["unit"], t["name"])].append((lo, hi))
    heads = []
    for p in posts:
        win = post_window(p)
        if win is None:
            continue
        wlo, whi = half(win[0], False), half(win[1], True)
        covered = set()
        for lo, hi in ranges[(p["unit"], p["name"])]:
            covered.update(range(max(lo, wlo), min(hi, whi) + 1))
        _, mn = TIER_OF[p["unit"]]
        days_in_post = (win[1] - win[0]).days + 1
        heads.append(dict(unit=p["unit"], name=p["name"], role=p["role"], days_in_post=days_in_post,
                          counted=len(covered) / 2, required=required(mn, days_in_post)))
    status = {}
    for u in UNIT_ORDER:
        hs = [h for h in heads if h["unit"] == u]
        status[u] = "vacant" if not hs else ("compliant" if all(h["counted"] >= h["required"] for h in hs) else "short")
    return heads, status


# --- checks ------------------------------------------------------------------------------------
SHORT_TOWNS = ["朱坝街道", "黄集街道"]
SHORT_TASKS = ["住建局", "文旅局", "财政局", "人社局", "教体局", "城管局", "审计局", "残联", "医保局",
               "古堰景区", "应急管理局", "生态环境局"]
PRINCIPAL_ROLES = {"党工委书记", "办事处主任", "党委书记", "镇长", "管委会主任", "局长", "主任", "理事长"}


def validate(posts, trips, voids):
    # roster
    assert {p["unit"] for p in posts} == set(UNIT_ORDER)
    seen = set()
    for p in posts:
        assert p["role"] in PRINCIPAL_ROLES, p
        assert (p["unit"], p["name"]) not in seen, ("name repeated within unit", p)
        seen.add((p["unit"], p["name"]))
        if p["from"] and p["to"]:
            assert parse_date(p["from"]) <= parse_date(p["to"]), p
    assert next(p for p in posts if p["unit"] == "朱坝街道" and p["role"] == "党工委书记")["name"] == "王某"
    post_of = {(p["unit"], p["name"]): p for p in posts}
    # trips
    for t in trips:
        assert t["destination"], t
        assert t["kind"] in ("", "visit", "video"), t
        start, end, lo, hi = trip_halves(t)
        assert end >= start and lo <= hi, t
        assert start <= LATEST_START, t
        p = post_of[(t["unit"], t["name"])]
        pf = parse_date(p["from"]) if p["from"] else dt.date.min
        pt = parse_date(p["to"]) if p["to"] else dt.date.max
        assert start <= pt and end >= pf, ("trip outside the head's time in post", t)
    # voids: exactly one row, matching exactly one trip
    assert len(voids) == 1
    v = voids[0]
    matches = [t for t in trips if (t["unit"], t["name"], t["start"], t["destination"]) ==
               (v["unit"], v["name"], v["start"], v["destination"])]
    assert len(matches) == 1, matches


def check_features(trips, heads_by):
    parsed = [(t, *trip_halves(t)) for t in trips]
    # joint trips: same unit, dates and destination, two different names
    groups = defaultdict(set)
    for t in trips:
        groups[(t["unit"], t["start"], t["end"], t["destination"])].add(t["name"])
    assert sum(1 for names in groups.values() if len(names) == 2) >= 3, "need several joint trips"
    assert any(s <= MONTH_LAST < e for _, s, e, _, _ in parsed), "need a trip crossing the month end"
    assert any(s < MONTH_FIRST <= e for _, s, e, _, _ in parsed), "need a trip starting in June"
    assert any(" PM" in t["start"] for t in trips) and any(" AM" in t["end"] for t in trips)
    assert any(h["counted"] % 1 == 0.5 for h in heads_by.values()), "need a total ending in .5"
    # overlapping counted trips of one head
    per_head = defaultdict(list)
    for t, _, _, lo, hi in parsed:
        if (t["kind"] or "visit") == "visit":
            per_head[(t["unit"], t["name"])].append((lo, hi))
    overlapping = [k for k, rs in per_head.items()
                   if any(a[0] <= b[1] and b[0] <= a[1] for i, a in enumerate(rs) for b in rs[i + 1:])]
    assert overlapping, "need a head with overlapping trips"
    assert any(t["kind"] == "video" and t["start"].startswith("2022-07") and t["unit"] in SHORT_TASKS
               for t in trips), "need a video talk of a short task unit"
    return overlapping


def main():
    write_all()
    posts, trips, voids = read_csv("roster.csv"), read_csv("trips.csv"), read_csv("voids.csv")
    validate(posts, trips, voids)
    heads, status = count(posts, trips, voids)
    heads_by = {(h["unit"], h["name"]): h for h in heads}

    print(f"{'unit':<10}{'name':<6}{'role':<8}{'in post':>8}{'counted':>9}{'required':>9}  ok")
    for h in heads:
        ok = "yes" if h["counted"] >= h["required"] else "NO"
        print(f"{h['unit']:<10}{h['name']:<6}{h['role']:<8}{h['days_in_post']:>8}{h['counted']:>9}{h['required']:>9}  {ok}")
    print()
    for u in UNIT_ORDER:
        print(f"{u}: {status[u]}")

    # outcomes of the July 2022 bulletin
    for u in SHORT_TOWNS:
        hs = [h for h in heads if h["unit"] == u]
        assert len(hs) == 2 and all(h["counted"] == 1.0 for h in hs), hs
        assert status[u] == "short"
    for u in SHORT_TASKS:
        hs = [h for h in heads if h["unit"] == u]
        assert len(hs) == 1 and hs[0]["counted"] == 0, hs
        assert status[u] == "short"
    for u in UNIT_ORDER:
        if u in SHORT_TOWNS or u in SHORT_TASKS:
            continue
        assert status[u] == "compliant", u
        tid, mn = TIER_OF[u]
        hs = [h for h in heads if h["unit"] == u]
        assert len(hs) == (1 if tid != "town" else (3 if u == "共和镇" else 2)), (u, hs)
        for h in hs:
            if h["days_in_post"] == DAYS_IN_MONTH:
                assert h["counted"] >= mn, h
                if tid != "task":
                    assert 10 <= h["counted"] <= 16, h
    # 共和镇's handover
    assert heads_by[("共和镇", "郭某")]["required"] == 5.0 and heads_by[("共和镇", "郭某")]["counted"] >= 5.0
    assert heads_by[("共和镇", "马某")]["required"] == 5.5 and heads_by[("共和镇", "马某")]["counted"] >= 5.5

    overlapping = check_features(trips, heads_by)

    # the void lowers one head's days but changes no status
    heads_nv, status_nv = count(posts, trips, [])
    assert status_nv == status, "the void must not change any unit's status"
    v = voids[0]
    before = next(h for h in heads_nv if (h["unit"], h["name"]) == (v["unit"], v["name"]))["counted"]
    after = heads_by[(v["unit"], v["name"])]["counted"]
    assert after < before, (before, after)

    short = [u for u in UNIT_ORDER if status[u] == "short"]
    print()
    print(f"short units ({len(short)}): {'、'.join(short)}")
    print(f"overlapping trips: {overlapping}")
    print(f"voided: {v['unit']} {v['name']} {v['start']} {v['destination']} — {before} -> {after} days")
    print("all assertions passed")


if __name__ == "__main__":
    main()
