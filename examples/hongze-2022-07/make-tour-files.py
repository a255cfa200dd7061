#!/usr/bin/env python3
"""Write the files the README's tour imports besides the demo data: a leave list, a unit's workbook of late
trips and an explanation document. The tour (and its test) runs on them; the demo does not read them.

    python3 make-tour-files.py      # needs openpyxl (pip) and LibreOffice (for the PDF)
"""
import csv
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

LEAVE = [["黄集街道", "陈某", "2022-07-25", "2022-07-29", "参加市委党校培训"]]

# 朱坝街道's clerk sends two trips the July file missed, in the form `zhaoshang template trips` writes.
LATE_TRIPS = [
    ["朱坝街道", "刘某", "2022-07-27", "2022-07-28", "苏州", "拜访企业", "苏州某某新材料有限公司", "外出招商"],
    ["朱坝街道", "王某", "2022-07-19", "2022-07-19", "淮安", "视频洽谈", "淮安某某食品有限公司", "视频洽谈"],
]

EXPLANATION = """朱坝街道关于2022年7月外出招商天数未达要求的情况说明

区督考服务中心：
7月份，我街道党工委书记、办事处主任外出招商天数未达到每月10天的要求。主要原因是
防汛值守任务较重，部分行程推迟至8月。下一步，我们将加大外出招商力度，确保完成任务。

朱坝街道办事处
2022年8月3日
"""


def write_leave():
    with open(os.path.join(HERE, "7月请假.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["单位", "姓名", "开始日期", "结束日期", "事由"])
        w.writerows(LEAVE)


def write_workbook():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "外出登记"
    sheet.append(["朱坝街道2022年7月外出招商补报"])
    sheet.append(["单位", "姓名", "开始日期", "结束日期", "目的地", "事由", "拜访企业", "类型"])
    for row in LATE_TRIPS:
        sheet.append(row)
    for column, width in zip("ABCDEFGH", [12, 8, 12, 12, 8, 10, 28, 10]):
        sheet.column_dimensions[column].width = width
    book.save(os.path.join(HERE, "朱坝街道7月补报.xlsx"))


def write_explanation():
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise SystemExit("LibreOffice is needed to write the explanation PDF")
    with tempfile.TemporaryDirectory() as folder:
        text = os.path.join(folder, "朱坝街道情况说明.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write(EXPLANATION)
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", folder, text], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(folder, "朱坝街道情况说明.pdf"), os.path.join(HERE, "朱坝街道情况说明.pdf"))


if __name__ == "__main__":
    write_leave()
    write_workbook()
    write_explanation()
