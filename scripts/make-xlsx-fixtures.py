#!/usr/bin/env python3
"""Writes the workbooks the importer's tests read (Tests/ZhaoshangKitTests/Fixtures/xlsx/).

Workbooks as offices keep them, made with openpyxl (pip install openpyxl): a title merged across the table,
a 填报单位 line, a unit merged down over its heads, date cells in several formats (and in the 1904 system),
dates typed as text, a formula with its cached value, rich text, inline strings, a total row, signature lines,
several sheets. Beside each, the CSV twin holding the same rows, which must import to the same ledger.
Then hostile files: a damaged zip, an old .xls header, a password-protected workbook's header, a zip bomb
made small, a Numbers file, a text file named .xlsx. Run it from the repository root; commit what it writes.
"""
import io
import os
import re
import zipfile
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = os.path.join("Tests", "ZhaoshangKitTests", "Fixtures", "xlsx")

# unit, name, start, end, destination, purpose, companies, kind, days (the CSV twin's values).
TRIPS = [
    ("朱坝街道", "王某", "2022-07-04", "2022-07-06", "上海", "拜访企业", "甲公司;乙公司", "visit", "3"),
    ("朱坝街道", "李某", "2022-07-05 PM", "2022-07-06 AM", "苏州", "招商推介", "", "visit", "1"),
    ("朱坝街道", "刘某", "2022-07-11", "2022-07-12", "南京", "项目洽谈", "丙公司", "视频洽谈", "2"),
    ("黄集街道", "赵某", "2022-07-08", "2022-07-08", "杭州", "拜访企业", "丁公司", "visit", "1"),
    ("黄集街道", "钱某", "2022-07-18", "2022-07-20", "深圳", "参加展会", "", "visit", "3"),
    ("住建局", "孙某", "2022-07-25", "2022-07-29", "北京", "拜访企业", "戊公司", "visit", "5"),
]


def csv_twin(name, header, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\r\n")
        for row in rows:
            f.write(",".join(row) + "\r\n")


def d(text):
    return date.fromisoformat(text[:10])


def patch_formulas(path, cached):
    """openpyxl writes formulas without a cached value; Excel always stores one. Add them."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for part, values in cached.items():
        xml = parts[part].decode()
        for ref, value in values.items():
            xml = re.sub(
                r'(<c r="%s"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?' % ref,
                lambda m: '%s<f>%s</f><v>%s</v>' % (m.group(1), m.group(2), value),
                xml,
            )
        parts[part] = xml.encode()
    write_zip(path, parts)


def write_zip(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def office_trips():
    """trips-office.xlsx: an instructions sheet first, then the form as a town fills it in."""
    wb = Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "请按下表格式填写，日期写作 2022-07-04。"
    ws = wb.create_sheet("7月")
    ws.merge_cells("A1:J1")
    ws["A1"] = "洪泽区2022年7月外出招商登记表"
    ws["A2"] = "填报单位：区招商服务中心"
    ws["F2"] = "填报日期：2022年8月1日"
    header = ["单位", "姓名", "开始日期", "结束日期", "目的地", "事由", "拜访企业", "类型", "天数", "备注"]
    for col, name in enumerate(header, 1):
        ws.cell(3, col, name)
    row = 4
    formulas = {}
    for i, (unit, name, start, end, dest, purpose, companies, kind, days) in enumerate(TRIPS):
        ws.cell(row, 1, unit)
        ws.cell(row, 2, name)
        # Date cells where no half-day is marked, in several formats; text where one is, in several forms.
        if start.endswith("PM"):
            ws.cell(row, 3, "2022/7/5 下午")
            ws.cell(row, 4, "2022年7月6日上午")
        else:
            c = ws.cell(row, 3, d(start))
            c.number_format = ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "yyyy/m/d", "mm-dd-yy", "yyyy-mm-dd", "m/d/yyyy"][i]
            if i == 3:
                ws.cell(row, 4, "2022.7.8")  # typed as text
            else:
                e = ws.cell(row, 4, d(end))
                e.number_format = "yyyy-mm-dd"
        ws.cell(row, 5, dest)
        if i == 0:
            ws.cell(row, 6, CellRichText([TextBlock(InlineFont(b=True), "拜访"), "企业"]))
        else:
            ws.cell(row, 6, purpose)
        ws.cell(row, 7, companies or None)
        ws.cell(row, 8, None if kind == "visit" and i % 2 else kind)
        if i == 0 or i == 5:
            ws.cell(row, 9, "=D%d-C%d+1" % (row, row))
            formulas["I%d" % row] = days
        else:
            ws.cell(row, 9, float(days) if days != "1" else 1)
        row += 1
    # The unit merged down over its heads: the value sits in the top cell only.
    ws.merge_cells("A4:A6")
    ws.merge_cells("A7:A8")
    ws.cell(row, 1, "合计")
    ws.cell(row, 9, "=SUM(I4:I%d)" % (row - 1))
    formulas["I%d" % row] = "15"
    ws.cell(row + 2, 1, "填报人：张三")
    ws.cell(row + 2, 5, "审核人：李四")
    ws.freeze_panes = "A4"
    path = os.path.join(OUT, "trips-office.xlsx")
    wb.save(path)
    patch_formulas(path, {"xl/worksheets/sheet2.xml": formulas})
    csv_twin(
        "trips-office.csv",
        ["unit", "name", "start", "end", "destination", "purpose", "companies", "kind", "days"],
        [(u, n, s, e, de, p, c, "" if k == "visit" and i % 2 else k, dy) for i, (u, n, s, e, de, p, c, k, dy) in enumerate(TRIPS)],
    )


def two_row_header_1904():
    """trips-1904.xlsx: an old Mac workbook (1904 dates) whose header spans two rows: 外出时间 over 开始/结束."""
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "外出招商情况统计表"
    ws.merge_cells("A1:F1")
    for col, name in [(1, "单位"), (2, "姓名"), (3, "外出时间"), (5, "目的地"), (6, "事由")]:
        ws.cell(2, col, name)
    ws.merge_cells("C2:D2")
    ws.cell(3, 3, "开始")
    ws.cell(3, 4, "结束")
    for r in ("A2:A3", "B2:B3", "E2:E3", "F2:F3"):
        ws.merge_cells(r)
    rows = [t for t in TRIPS if "PM" not in t[2]]
    for i, (unit, name, start, end, dest, purpose, *_rest) in enumerate(rows):
        r = 4 + i
        ws.cell(r, 1, unit)
        ws.cell(r, 2, name)
        ws.cell(r, 3, d(start)).number_format = "yyyy-mm-dd"
        ws.cell(r, 4, d(end)).number_format = "yyyy-mm-dd"
        ws.cell(r, 5, dest)
        ws.cell(r, 6, purpose)
    wb.save(os.path.join(OUT, "trips-1904.xlsx"))
    csv_twin(
        "trips-1904.csv",
        ["单位", "姓名", "开始日期", "结束日期", "目的地", "事由"],
        [(u, n, s, e, de, p) for (u, n, s, e, de, p, *_r) in rows],
    )


def roster():
    """roster.xlsx: the roster with 任职起始 as date cells, and a wrong row to be pointed at by cell."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["单位", "姓名", "职务", "任职起始", "任职结束"])
    for unit, name, role, start in [
        ("朱坝街道", "王某", "党工委书记", "2021-09-01"),
        ("朱坝街道", "李某", "办事处主任", "2021-09-01"),
        ("朱坝街道", "刘某", "副主任", "2022-01-01"),
        ("黄集街道", "赵某", "党工委书记", "2020-01-01"),
        ("黄集街道", "钱某", "办事处主任", "2020-01-01"),
        ("住建局", "孙某", "局长", "2019-05-01"),
    ]:
        ws.append([unit, name, role, d(start)])
        ws.cell(ws.max_row, 4).number_format = 'yyyy"年"m"月"d"日"'
    wb.save(os.path.join(OUT, "roster.xlsx"))


def bad_trips():
    """trips-bad.xlsx: wrong cells in several rows, to be listed all at once as FILE:SHEET!CELL."""
    wb = Workbook()
    ws = wb.active
    ws.title = "7月"
    ws["A1"] = "7月外出登记"
    ws.append(["单位", "姓名", "开始日期", "结束日期", "目的地"])
    ws.append(["朱坝街道", "王某", "2022-13-40", "2022-07-06", "上海"])
    ws.append(["朱坝街道", "王某", d("2022-07-04"), "明天", "上海"])
    ws.cell(4, 3).number_format = "yyyy-mm-dd"
    ws.append(["朱坝街道", "王某", 60, None, "上海"])  # serial 60: the 1900-02-29 that never was
    ws.cell(5, 3).number_format = "yyyy-mm-dd"
    wb.save(os.path.join(OUT, "trips-bad.xlsx"))


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""


def handmade():
    """cells.xlsx: cells as Excel and the .NET SDK write them, which openpyxl does not: every element
    prefixed (x:), phonetic runs inside shared strings, rich runs split between Chinese and digits, inline
    strings, booleans, errors, a text formula, `_x000D_` escapes, a row without `r`."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    workbook = f'<?xml version="1.0"?><x:workbook {ns}><x:workbookPr/><x:sheets><x:sheet name="数据" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>'
    shared = (
        f'<?xml version="1.0"?><x:sst {ns} count="3" uniqueCount="3">'
        '<x:si><x:t>朱坝街道</x:t><x:rPh sb="0" eb="2"><x:t>ZHUBA</x:t></x:rPh></x:si>'
        '<x:si><x:r><x:t>第</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>2</x:t></x:r><x:r><x:t>次洽谈</x:t></x:r></x:si>'
        '<x:si><x:t>一行_x000D_两行</x:t></x:si>'
        '</x:sst>'
    )
    sheet = (
        f'<?xml version="1.0"?><x:worksheet {ns}><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="C1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="D1" t="b"><x:v>1</x:v></x:c>'
        '<x:c r="E1" t="e"><x:v>#N/A</x:v></x:c><x:c r="F1" t="str"><x:f>A1&amp;"!"</x:f><x:v>朱坝街道!</x:v></x:c>'
        '<x:c r="G1"><x:v>2.5</x:v></x:c><x:c r="H1" t="s"><x:v>2</x:v></x:c></x:row>'
        '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>甲</x:t></x:r><x:r><x:t>1</x:t></x:r></x:is></x:c><x:c><x:v>3</x:v></x:c></x:row>'
        '</x:sheetData></x:worksheet>'
    )
    write_zip(
        os.path.join(OUT, "cells.xlsx"),
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": WB_RELS,
            "xl/sharedStrings.xml": shared,
            "xl/worksheets/sheet1.xml": sheet,
        },
    )


def hostile():
    good = open(os.path.join(OUT, "roster.xlsx"), "rb").read()
    # A download cut short: the central directory is missing.
    open(os.path.join(OUT, "truncated.xlsx"), "wb").write(good[: len(good) // 2])
    # An old binary workbook: the OLE2 signature and nothing Excel would read.
    ole2 = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    open(os.path.join(OUT, "old.xls"), "wb").write(ole2 + b"Workbook".ljust(512, b"\0"))
    # What Excel writes for a workbook with an opening password: OLE2 with an EncryptedPackage stream.
    name = "EncryptedPackage".encode("utf-16-le")
    open(os.path.join(OUT, "protected.xlsx"), "wb").write(ole2 + name.ljust(512, b"\0") + bytes(1024))
    # A WPS spreadsheet in its own binary format.
    open(os.path.join(OUT, "wps.et"), "wb").write(ole2 + b"WPS".ljust(512, b"\0"))
    # A zip bomb made small: a 200 MB sheet of spaces compressed to about 200 KB.
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="炸弹" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": WB_RELS,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, data in parts.items():
            z.writestr(n, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(200):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    open(os.path.join(OUT, "bomb.xlsx"), "wb").write(buffer.getvalue())
    # An Apple Numbers document: a zip with Index/Document.iwa.
    write_zip(os.path.join(OUT, "budget.numbers"), {"Index/Document.iwa": b"\0" * 64, "Metadata/Properties.plist": b""})
    # A Word document sent by mistake.
    write_zip(os.path.join(OUT, "notice.xlsx"), {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    # CSV text with a workbook's name.
    open(os.path.join(OUT, "text.xlsx"), "w", encoding="utf-8").write("unit,name\n朱坝街道,王某\n")


def libreoffice_copy():
    """trips-libreoffice.xlsx: the office form saved again by LibreOffice, which writes shared strings,
    recalculates formulas, and codes CJK date formats with escapes (YYYY\\年M\\月D\\日)."""
    import shutil
    import subprocess
    import tempfile

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        print("libreoffice not found: trips-libreoffice.xlsx left as it is")
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [office, "--headless", "-env:UserInstallation=file://" + tmp + "/profile", "--convert-to", "xlsx",
             "--outdir", tmp, os.path.join(OUT, "trips-office.xlsx")],
            check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "trips-office.xlsx"), os.path.join(OUT, "trips-libreoffice.xlsx"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    office_trips()
    two_row_header_1904()
    roster()
    bad_trips()
    handmade()
    hostile()
    libreoffice_copy()
    for name in sorted(os.listdir(OUT)):
        print("%8d  %s" % (os.path.getsize(os.path.join(OUT, name)), name))
