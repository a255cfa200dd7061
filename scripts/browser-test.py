#!/usr/bin/env python3
"""A real browser (Debian's chromium, driven by selenium) through the month's cycle on `zhaoshang serve --demo`:
the unit's clerk logs in and reports a trip, the office approves it, the unit's page shows the new standing;
the unit uploads a trips file (first with a wrong line, shown beside its line, then right), the office closes the
month, and the unit uploads its explanation (情况说明) as a PDF, which the office's page then links.

Usage: scripts/browser-test.py [ZHAOSHANG_BIN] [SCREENSHOT_DIR] [--postgres]
Needs: apt-get install chromium chromium-driver fonts-wqy-zenhei; pip install selenium==4.51.0
Screenshots (1366x768) are written to SCREENSHOT_DIR (default: /tmp/zhaoshang-browser) for a person to look at.

With --postgres the demo is loaded into the empty PostgreSQL database ZHAOSHANG_TEST_DB names (`serve --demo --db`)
and served from there, and the ledger must still verify after the cycle:
    scripts/with-postgres.sh python3 scripts/browser-test.py .build/debug/zhaoshang /tmp/shots-pg --postgres
"""
import os
import re
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ARGUMENTS = [argument for argument in sys.argv[1:] if argument != "--postgres"]
BIN = ARGUMENTS[0] if len(ARGUMENTS) > 0 else ".build/debug/zhaoshang"
SHOTS = ARGUMENTS[1] if len(ARGUMENTS) > 1 else "/tmp/zhaoshang-browser"
# The ledger served: the demo's in memory, or a PostgreSQL database (see the docstring).
LEDGER = []
if "--postgres" in sys.argv[1:]:
    if not os.environ.get("ZHAOSHANG_TEST_DB"):
        raise SystemExit("--postgres needs ZHAOSHANG_TEST_DB (run it under scripts/with-postgres.sh)")
    LEDGER = ["--db", os.environ["ZHAOSHANG_TEST_DB"]]
os.makedirs(SHOTS, exist_ok=True)


def start_server():
    """Starts the demo on a free port; returns the process and its URL, read from what it prints."""
    server = subprocess.Popen(
        [BIN, "serve", "--demo", "--port", "0", "--lang", "zh"] + LEDGER,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        match = re.search(r"(http://[^\s（]+/)", line)
        if match:
            return server, match.group(1)
    server.kill()
    raise SystemExit("the server did not print its URL: " + server.stderr.read())


def main():
    server, url = start_server()
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
                     "--lang=zh-CN"]:
        options.add_argument(argument)
    # Headless chromium ignores --lang for Accept-Language; the preference sets it, so the pages come in Chinese.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)
    step = [0]

    def shot(name):
        step[0] += 1
        path = os.path.join(SHOTS, "%02d-%s.png" % (step[0], name))
        driver.save_screenshot(path)
        print("screenshot", path)

    def log_in(login, password):
        driver.delete_all_cookies()
        driver.get(url + "login")
        wait.until(EC.presence_of_element_located((By.NAME, "login"))).send_keys(login)
        driver.find_element(By.NAME, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # The login page has an h1 too: wait for the redirect away from it, else the next step can race the
        # password check and land on the login page again.
        wait.until(lambda browser: "/login" not in browser.current_url)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))

    def standing(name):
        """The unit page's row of a head: approved, pending days."""
        for row in driver.find_elements(By.CSS_SELECTOR, "table.grid tbody tr"):
            cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            if cells and cells[0] == name:
                return cells[2], cells[3]
        raise AssertionError("no row for " + name)

    try:
        driver.get(url + "login")
        shot("login")

        # The unit's clerk logs in and reports a trip
        log_in("zhuba", "zhuba-demo-2022")
        assert "/unit" in driver.current_url, driver.current_url
        before = standing("王某")
        shot("unit-home")
        driver.find_element(By.LINK_TEXT, "报送外出").click()
        wait.until(EC.presence_of_element_located((By.NAME, "destination")))
        driver.find_element(By.CSS_SELECTOR, "input[name='heads[]'][value='王某']").click()
        for field, value in [("from", "2022-07-18"), ("to", "2022-07-19")]:
            element = driver.find_element(By.NAME, field)
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        driver.find_element(By.NAME, "destination").send_keys("南京")
        driver.find_element(By.NAME, "purpose").send_keys("拜访企业")
        driver.find_element(By.NAME, "companies").send_keys("甲公司;乙公司")
        shot("trip-form")
        driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
        pending = standing("王某")
        assert pending[0] == before[0] and float(pending[1]) == float(before[1]) + 2, (before, pending)
        shot("unit-submitted")
        # The form redirected to the trip's month (Post/Redirect/Get): reloading shows the page again, without the
        # notice, and sends nothing, so the pending days stay as they are
        assert driver.current_url.endswith("/unit?month=2022-07"), driver.current_url
        driver.refresh()
        wait.until(EC.presence_of_element_located((By.ID, "month-report")))
        assert not driver.find_elements(By.CSS_SELECTOR, "p.notice[role=status]"), "the notice was shown twice"
        assert standing("王某") == pending, (pending, standing("王某"))

        # The office approves it
        log_in("office", "office-demo-2022")
        driver.get(url + "office/review")
        box = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[name='ids[]']")))
        shot("office-review")
        box.click()
        driver.find_element(By.CSS_SELECTOR, "#approve button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
        driver.get(url + "office")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.grid")))
        shot("office-home")

        # The unit's page shows the new standing
        log_in("zhuba", "zhuba-demo-2022")
        after = standing("王某")
        assert float(after[0]) == float(before[0]) + 2 and float(after[1]) == float(before[1]), (before, after)
        shot("unit-approved")
        print("browser test: 王某 approved %s -> %s days" % (before[0], after[0]))

        # The unit uploads a trips file: a wrong line refuses the whole file, with the problem beside its line
        header = "单位,姓名,开始日期,结束日期,目的地,事由,拜访企业,类型\n"
        bad = os.path.join(SHOTS, "7月外出-有错.csv")
        with open(bad, "w", encoding="utf-8") as file:
            file.write(header + "朱坝街道,刘某,2022-07-11,2022-07-12,扬州,洽谈项目,丙公司,visit\n"
                       "朱坝街道,刘某,2022-07-32,2022-07-12,扬州,洽谈项目,丙公司,visit\n")
        driver.find_element(By.LINK_TEXT, "上传外出表").click()
        wait.until(EC.presence_of_element_located((By.NAME, "file"))).send_keys(bad)
        shot("trips-upload-form")
        driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
        place = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.problems-table td.place")))
        assert place.text == "第 3 行", place.text
        shot("trips-upload-problems")
        good = os.path.join(SHOTS, "7月外出.csv")
        with open(good, "w", encoding="utf-8") as file:
            file.write(header + "朱坝街道,刘某,2022-07-11,2022-07-12,扬州,洽谈项目,丙公司,visit\n")
        driver.find_element(By.NAME, "file").send_keys(good)
        driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
        notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
        assert "已添加 1 条外出" in notice.text, notice.text
        assert float(standing("刘某")[1]) >= 2, standing("刘某")
        shot("trips-uploaded")

        # The office closes July (before its end, as the demo's today is mid-July), so 朱坝街道 owes an explanation
        log_in("office", "office-demo-2022")
        driver.find_element(By.CSS_SELECTOR, "form[action='/office/close'] input[name=force]").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/office/close'] button").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[action='/office/reopen']")))

        # The unit uploads its explanation as a PDF
        log_in("zhuba", "zhuba-demo-2022")
        driver.find_element(By.LINK_TEXT, "情况说明").click()
        upload = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[action='/unit/explanations/upload'] input[type=file]")))
        shot("unit-explanations")
        document = os.path.join(SHOTS, "朱坝街道7月情况说明.pdf")
        with open(document, "wb") as file:
            file.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        upload.send_keys(document)
        driver.find_element(By.CSS_SELECTOR, "form[action='/unit/explanations/upload'] button").click()
        notice = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
        assert "已提交2022年7月的情况说明" in notice.text, notice.text
        shot("unit-explanation-filed")

        # The office sees it filed, with the document's link, beside the units still owing
        log_in("office", "office-demo-2022")
        driver.find_element(By.LINK_TEXT, "情况说明").click()
        link = wait.until(EC.presence_of_element_located((By.PARTIAL_LINK_TEXT, "朱坝街道7月情况说明.pdf")))
        assert link.get_attribute("href").endswith("/document"), link.get_attribute("href")
        shot("office-owing")
        print("browser test passed: trips file and explanation uploaded")
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise SystemExit("the server did not stop on SIGTERM")
        if server.returncode not in (0,):
            raise SystemExit("the server exited %s on SIGTERM: %s" % (server.returncode, server.stderr.read()))
    if LEDGER:
        # Every write of the cycle went through the shared ledger's audit chain: it must hold.
        verified = subprocess.run([BIN, "verify", "--lang", "en"] + LEDGER, capture_output=True, text=True)
        if verified.returncode != 0:
            raise SystemExit("verify failed on the PostgreSQL ledger: " + verified.stdout + verified.stderr)
        print("browser test: the PostgreSQL ledger verifies: " + verified.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
