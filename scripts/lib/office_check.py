#!/usr/bin/env python3
"""Checks for scripts/office-files-test.sh, reading what zhaoshang wrote with openpyxl (a real reader), and
writing the large workbook the importer must read in flat memory.

  office_check.py report FILE.xlsx TITLE_WORD   the workbook opens, its title row holds the word, its header is
                                                 frozen, it prints on A4 landscape fitted to the page width
  office_check.py form FILE.xlsx OUT.xlsx       the form has drop-down lists; fill in one row as a clerk would
  office_check.py big-roster FILE.csv           write the roster the big sheet's trips are by
  office_check.py big FILE.xlsx ROWS            write a sheet of ROWS trips with shared strings and date cells
  office_check.py big-csv FILE.csv ROWS         the same trips as CSV
  office_check.py rss COMMAND...                run the command, print its peak memory in MB and exit as it did
"""
import datetime
import resource
import subprocess
import sys
import zipfile


def report(path, word):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    problems = []
    title = str(ws["A1"].value or "")
    if word not in title:
        problems.append("title %r lacks %r" % (title, word))
    if not ws.freeze_panes:
        problems.append("no frozen header")
    if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != "9":
        problems.append("not A4 landscape: %s %s" % (ws.page_setup.orientation, ws.page_setup.paperSize))
    if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToWidth != 1:
        problems.append("not fitted to the page width")
    if problems:
        print("; ".join(problems))
        sys.exit(1)


def form(path, out):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    if len(lists) < 2 or "朱坝街道" not in "".join(lists) + "".join(
        str(c.value) for s in wb.worksheets[1:] for row in s.iter_rows() for c in row
    ):
        print("drop-down lists missing: %r" % lists)
        sys.exit(1)
    header_row = int(ws.freeze_panes[1:]) - 1
    row = ws.max_row + 1 if ws.max_row > header_row + 1 else header_row + 2
    # The first data row below the example: the example and the instructions stay where they are.
    row = header_row + 2
    while ws.cell(row, 1).value:
        row += 1
    ws.cell(row, 1, "朱坝街道")
    ws.cell(row, 2, "王某")
    ws.cell(row, 3, datetime.date(2022, 7, 20)).number_format = "yyyy-mm-dd"
    ws.cell(row, 5, "无锡")
    ws.cell(row, 8, "外出招商")
    wb.save(out)


HEADS = 1000


def big_roster(path):
    """The roster the big sheet's trips are by: HEADS heads, so each has few enough trips to spread them over
    distinct days, none overlapping another (overlaps are checked, and would measure that instead)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("unit,name,role\n")
        for unit, name in big_heads():
            f.write("%s,%s,干部\n" % (unit, name))


def big_heads():
    units = ["朱坝街道", "黄集街道", "住建局", "商务局"]
    return [(units[i % len(units)], "干部%d" % i) for i in range(HEADS)]


def big(path, rows):
    """A sheet as Excel writes it: shared strings, date cells with a style, one row element per trip."""
    heads = big_heads()
    strings = ["单位", "姓名", "开始日期", "结束日期", "目的地", "事由", "拜访企业", "上海", "拜访企业"]
    index = {s: i for i, s in enumerate(strings)}
    for unit, name in heads:
        for s in (unit, name):
            if s not in index:
                index[s] = len(strings)
                strings.append(s)
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s %s><sheets><sheet name="外出" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, rel))
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet %s><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>' % main)
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst %s>%s</sst>' % (main, "".join("<si><t>%s</t></si>" % s for s in strings)))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(('<?xml version="1.0"?><worksheet %s><sheetData><row r="1">' % main).encode())
            sheet.write("".join('<c r="%s1" t="s"><v>%d</v></c>' % (c, i) for c, i in zip("ABCDEFG", range(7))).encode())
            sheet.write(b"</row>")
            first = datetime.date(2022, 7, 1).toordinal() - datetime.date(1899, 12, 30).toordinal()
            chunk = []
            for n in range(rows):
                unit, name = heads[n % len(heads)]
                r = n + 2
                # Each of a head's trips on a day of its own, before today.
                day = first - 1500 + (n // len(heads)) % 3000
                chunk.append(
                    '<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" s="1"><v>%d</v></c><c r="D%d" s="1"><v>%d</v></c><c r="E%d" t="inlineStr"><is><t>上海%d</t></is></c><c r="F%d" t="s"><v>8</v></c></row>'
                    % (r, r, index[unit], r, index[name], r, day, r, day, r, n, r))
                if len(chunk) == 10000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")


def big_csv(path, rows):
    """The big sheet's CSV twin: the same trips, for comparing what the workbook costs over the CSV."""
    heads = big_heads()
    first = datetime.date(2022, 7, 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write("单位,姓名,开始日期,结束日期,目的地,事由\n")
        for n in range(rows):
            unit, name = heads[n % len(heads)]
            day = first + datetime.timedelta(days=-1500 + (n // len(heads)) % 3000)
            f.write("%s,%s,%s,%s,上海%d,拜访企业\n" % (unit, name, day, day, n))


def rss(command):
    status = subprocess.call(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("%.0f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
    sys.exit(status)


if __name__ == "__main__":
    action = sys.argv[1]
    if action == "report":
        report(sys.argv[2], sys.argv[3])
    elif action == "form":
        form(sys.argv[2], sys.argv[3])
    elif action == "big-roster":
        big_roster(sys.argv[2])
    elif action == "big-csv":
        big_csv(sys.argv[2], int(sys.argv[3]))
    elif action == "big":
        big(sys.argv[2], int(sys.argv[3]))
    elif action == "rss":
        rss(sys.argv[2:])
