#!/usr/bin/env bash
# Office files as real readers see them. Workbooks and the bulletin written by zhaoshang are opened with
# openpyxl (PyPI) and converted to PDF with LibreOffice headless (which refuses or repairs a broken file),
# the PDFs' pages turned into PNGs with pdftoppm for a person to look at; the blank form is filled in with
# openpyxl and imported back; an export re-imports; and a sheet of ROWS trips is imported in flat memory.
#
# Usage: scripts/office-files-test.sh [ROWS=1000000]
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3, python3
# with openpyxl, libreoffice (libreoffice-calc-nogui, libreoffice-writer-nogui), poppler-utils, and a CJK font
# (fonts-wqy-zenhei). Set KEEP=DIR to keep the PDFs and PNGs in DIR.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
rows=${1:-1000000}
setup_test office-files-test
check="python3 $root/scripts/lib/office_check.py"
for tool in libreoffice pdftoppm pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "office-files-test: $tool is needed (see .ci/run)" >&2; exit 2; }
done
python3 -c "import openpyxl" 2>/dev/null || { echo "office-files-test: pip install openpyxl" >&2; exit 2; }

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
}
# expect NAME COMMAND...: the command must succeed.
expect() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then pass; else fail "$name: $out"; fi
}

example="$root/examples/hongze-2022-07"
fixtures="$root/Tests/ZhaoshangKitTests/Fixtures/xlsx"
export ZHAOSHANG_DB="$work/hongze.sqlite"
{
  "$bin" init
  "$bin" import roster "$example/roster.csv"
  "$bin" import trips "$example/trips.csv"
  "$bin" leave add --unit 朱坝街道 --name 王某 --from 2022-07-20 --to 2022-07-22 --reason 党校学习
} >/dev/null 2>&1

# Every report as a workbook that a real reader opens: title, frozen header, A4 landscape fitted to the width.
expect "check.xlsx" "$bin" check --month 2022-07 --output check.xlsx --lang zh
expect "owing.xlsx" "$bin" owing --month 2022-07 --output owing.xlsx --lang zh
expect "bulletin.xlsx" "$bin" bulletin --month 2022-07 --output bulletin.xlsx --lang zh
expect "summary.xlsx" "$bin" summary --year 2022 --output summary.xlsx --lang zh
expect "trips.xlsx" "$bin" trips --month 2022-07 --output trips.xlsx --lang zh
expect "roster.xlsx" "$bin" roster list --output roster.xlsx --lang zh
expect "leave.xlsx" "$bin" leave list --output leave.xlsx --lang zh
expect "history.xlsx" "$bin" history --output history.xlsx --lang zh
for pair in check:考核 owing:未达标 bulletin:通报 summary:年度汇总 trips:外出招商记录 roster:花名册 leave:请假 history:审计; do
  expect "openpyxl reads ${pair%%:*}.xlsx" $check report "${pair%%:*}.xlsx" "${pair#*:}"
done

# The trips exported as a workbook import back into an empty ledger as the same trips.
before=$("$bin" trips --month 2022-07 --format csv | sort | md5sum)
cp "$ZHAOSHANG_DB" roster-only.sqlite
ZHAOSHANG_DB="$work/reimport.sqlite" "$bin" init >/dev/null 2>&1
ZHAOSHANG_DB="$work/reimport.sqlite" "$bin" import roster "$example/roster.csv" >/dev/null 2>&1
expect "trips.xlsx re-imports" env ZHAOSHANG_DB="$work/reimport.sqlite" "$bin" import trips trips.xlsx
after=$(ZHAOSHANG_DB="$work/reimport.sqlite" "$bin" trips --month 2022-07 --format csv | cut -d, -f1-9 | sort | md5sum)
before=$("$bin" trips --month 2022-07 --format csv | cut -d, -f1-9 | sort | md5sum)
if [[ "$before" == "$after" ]]; then pass; else fail "trips.xlsx re-imported differs from the ledger it came from"; fi

# The blank form: drop-down lists; filled in with openpyxl as a clerk would, it imports cleanly.
expect "template trips" "$bin" template trips --output form.xlsx --unit 朱坝街道 --month 2022-07 --lang zh
expect "openpyxl fills the form" $check form form.xlsx filled.xlsx
if out=$("$bin" import trips filled.xlsx --dry-run 2>&1) && [[ "$out" == *"would import 1 trips"* ]]; then
  pass
else
  fail "the filled form: $out"
fi

# The bulletin as a Word document, and two workbooks, converted by LibreOffice and looked at as pages.
expect "bulletin.docx" "$bin" bulletin --month 2022-07 --output bulletin.docx --number "洪招通〔2022〕7号" --lang zh
export HOME="$work"  # LibreOffice keeps its profile under $HOME
if libreoffice --headless "-env:UserInstallation=file://$work/lo-profile" --convert-to pdf --outdir pdf \
  bulletin.docx check.xlsx form.xlsx >lo.log 2>&1; then pass; else fail "libreoffice: $(cat lo.log)"; fi
page_size() { pdfinfo "pdf/$1.pdf" 2>/dev/null | awk '/Page size/ {print ($3 < $5) ? "portrait" : "landscape"}'; }
text_of() { pdftotext "pdf/$1.pdf" - 2>/dev/null | tr -d ' \n'; }
[[ "$(page_size bulletin)" == portrait ]] && pass || fail "bulletin.pdf is not A4 portrait"
[[ "$(page_size check)" == landscape ]] && pass || fail "check.pdf is not landscape"
[[ "$(text_of bulletin)" == *2022年7月外出招商情况通报* && "$(text_of bulletin)" == *洪招通〔2022〕7号* ]] && pass ||
  fail "bulletin.pdf lacks its title or number: $(text_of bulletin | head -c 200)"
[[ "$(text_of bulletin)" == *合计* ]] && pass || fail "bulletin.pdf lacks the table's total row"
[[ "$(text_of check)" == *朱坝街道* ]] && pass || fail "check.pdf lacks its rows"
for name in bulletin check form; do
  if pdftoppm -png -r 70 "pdf/$name.pdf" "pdf/$name" && [[ -s "pdf/$name-1.png" ]]; then pass; else fail "$name.png"; fi
done
if [[ -n "${KEEP:-}" ]]; then mkdir -p "$KEEP" && cp pdf/*.png pdf/*.pdf *.xlsx *.docx "$KEEP/"; fi

# A workbook LibreOffice saved again reads as the original: the same trips.
cp "$fixtures/trips-office.xlsx" office.xlsx
if libreoffice --headless "-env:UserInstallation=file://$work/lo-profile" --convert-to xlsx --outdir resaved \
  office.xlsx >lo.log 2>&1; then pass; else fail "libreoffice re-save: $(cat lo.log)"; fi

# A sheet of ROWS trips, dry run, in flat memory: its peak is compared with the same trips as CSV (the
# ledger's own bookkeeping grows with the rows either way; the workbook must add no more than a few MB) and
# with a sheet a hundredth its size.
export ZHAOSHANG_DB="$work/big.sqlite"
"$bin" init >/dev/null 2>&1
$check big-roster big-roster.csv
"$bin" import roster big-roster.csv >/dev/null
small=$((rows / 100 > 1000 ? rows / 100 : 1000))
$check big small.xlsx "$small"
$check big big.xlsx "$rows"
$check big-csv big.csv "$rows"
start=$(date +%s)
small_mb=$($check rss "$bin" import trips small.xlsx --dry-run) || fail "importing $small rows"
xlsx_start=$(date +%s)
big_mb=$($check rss "$bin" import trips big.xlsx --dry-run) || fail "importing $rows rows"
csv_start=$(date +%s)
csv_mb=$($check rss "$bin" import trips big.csv --dry-run) || fail "importing $rows rows of CSV"
end=$(date +%s)
echo "peak memory: $small rows of .xlsx $small_mb MB; $rows rows of .xlsx $big_mb MB ($((csv_start - xlsx_start)) s," \
  "$(du -k big.xlsx | cut -f1) KB file), of CSV $csv_mb MB ($((end - csv_start)) s)"
if ((big_mb < csv_mb + 40)); then pass; else fail "the workbook took $big_mb MB, its CSV twin $csv_mb MB"; fi

echo "$passed passed, $failed failed"
((failed == 0))
