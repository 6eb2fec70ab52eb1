"""report serve in real Chromium: open, edit, see the preview follow, fix a finding, save, download, upload.

Skipped only when Debian's chromium and chromium-driver are not installed. Screenshots of the
form and the preview are written to build/preview/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shuzhi.pipeline import Project, load_facts, render
from shuzhi.produce import BuildOptions, output_bytes

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip("需要 Debian 的 chromium 和 chromium-driver", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only when the browser is there)
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian.yaml"
SHOTS = ROOT / "build" / "preview"
PLACEHOLDER = "撰写心得体会XX篇"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("serve")
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "撰写心得体会3篇" in text
    (ws / "wang.yaml").write_text(text.replace("撰写心得体会3篇", PLACEHOLDER, 1), encoding="utf-8")
    return ws


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "shuzhi", "serve", str(folder / "wang.yaml"), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    line = proc.stdout.readline()  # type: ignore[union-attr]
    m = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
    assert m, line + (proc.stderr.read() if proc.poll() is not None else "")  # type: ignore[union-attr]
    yield m.group(0)
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(server: str, downloads: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="shuzhi-chromium-")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1500,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    try:
        driver.get(server)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver: webdriver.Chrome, condition, timeout: float = 30):  # type: ignore[no-untyped-def]
    # the form is rebuilt after structural changes: an element may go stale between two looks
    return WebDriverWait(
        driver, timeout, poll_frequency=0.05, ignored_exceptions=[StaleElementReferenceException]
    ).until(lambda d: condition(d))


def preview(driver: webdriver.Chrome) -> str:
    """The preview once it shows the facts as they are now (no keystroke still on its way)."""
    wait(driver, lambda d: d.execute_script("return window.shuzhi.idle()"))
    return driver.find_element(By.ID, "preview").text


def field(driver: webdriver.Chrome, name: str):  # type: ignore[no-untyped-def]
    return driver.find_element(By.CSS_SELECTOR, f'#form [name="{name}"]')


def type_into(driver: webdriver.Chrome, name: str, text: str) -> None:
    box = field(driver, name)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)


def findings_at(driver: webdriver.Chrome, name: str) -> list[str]:
    wait(driver, lambda d: d.execute_script("return window.shuzhi.idle()"))
    return [f.text for f in driver.find_elements(By.CSS_SELECTOR, f'#form .finding[data-key="{name}"]')]


def test_open_shows_the_report_and_its_findings(browser: webdriver.Chrome) -> None:
    wait(browser, lambda d: "王建国" in preview(d))
    assert "2024年度述职述廉报告" in preview(browser)
    assert field(browser, "person.name").get_attribute("value") == "王建国"
    # the form follows the kind: its sections in order, with their Chinese headings
    legends = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#form fieldset > legend")]
    assert legends[:2] == ["基本信息", "数据"]
    assert [re.sub(r"^.、| \*$", "", t) for t in legends[2:]] == [
        "述学",
        "述职",
        "述责",
        "述廉",
        "存在问题",
        "下步打算",
    ]
    wait(browser, lambda d: findings_at(d, "study.points.0.text"))
    assert "[R01]" in findings_at(browser, "study.points.0.text")[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "serve-form.png"))
    browser.find_element(By.ID, "preview").screenshot(str(SHOTS / "serve-preview.png"))
    assert (SHOTS / "serve-form.png").stat().st_size > 10_000


def test_changing_the_name_changes_the_preview(browser: webdriver.Chrome) -> None:
    type_into(browser, "person.name", "李明")
    wait(browser, lambda d: "李明" in preview(d) and "王建国" not in preview(d))
    assert "青山县农业农村局副局长　李明" in preview(browser)


def test_add_move_and_remove_a_point(browser: webdriver.Chrome) -> None:
    browser.find_element(By.CSS_SELECTOR, '.add-point[data-path="study.points"]').click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[name="study.points.3.text"]'))
    type_into(browser, "study.points.3.headline", "坚持学用结合")
    type_into(browser, "study.points.3.text", "全年到基层宣讲政策6次，撰写调研报告1篇。")
    wait(browser, lambda d: "四是坚持学用结合。全年到基层宣讲政策6次" in preview(d))
    up = browser.find_element(By.CSS_SELECTOR, '[data-path="study.points.3"] button.up')
    up.click()
    wait(browser, lambda d: "三是坚持学用结合。" in preview(d) and "四是加强业务知识学习。" in preview(d))
    # a point added and then removed leaves the report as it was
    browser.find_element(By.CSS_SELECTOR, '.add-point[data-path="study.points"]').click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-path="study.points.4"] button.remove'))
    type_into(browser, "study.points.4.text", "临时一条。")
    wait(browser, lambda d: "五是临时一条" in preview(d))
    browser.find_element(By.CSS_SELECTOR, '[data-path="study.points.4"] button.remove').click()
    wait(browser, lambda d: "临时一条" not in preview(d))


def test_fixing_a_finding_makes_it_go_away(browser: webdriver.Chrome) -> None:
    assert findings_at(browser, "study.points.0.text")
    box = field(browser, "study.points.0.text")
    text = box.get_attribute("value")
    assert PLACEHOLDER in text
    type_into(browser, "study.points.0.text", text.replace(PLACEHOLDER, "撰写心得体会3篇"))
    wait(browser, lambda d: not findings_at(d, "study.points.0.text"))
    assert "撰写心得体会3篇" in preview(browser)


def checked(driver: webdriver.Chrome, name: str) -> list[str]:
    boxes = driver.find_elements(By.CSS_SELECTOR, f'#form input[name="{name}"]')
    return [b.get_attribute("value") for b in boxes if b.is_selected()]


def test_plans_choose_the_problems_they_answer(browser: webdriver.Chrome) -> None:
    name = "plans.points.0.addresses"
    assert len(browser.find_elements(By.CSS_SELECTOR, f'#form input[name="{name}"]')) == 3
    assert checked(browser, name) == ["1"]
    first = field(browser, "shortcomings.points.0.text").get_attribute("value")
    # moving a problem down keeps the plan pointing at the same problem
    browser.find_element(By.CSS_SELECTOR, '[data-path="shortcomings.points.0"] button.down').click()
    wait(browser, lambda d: field(d, "shortcomings.points.1.text").get_attribute("value") == first)
    assert checked(browser, name) == ["2"] and checked(browser, "plans.points.1.addresses") == ["1"]
    browser.find_element(By.CSS_SELECTOR, '[data-path="shortcomings.points.1"] button.up').click()
    wait(browser, lambda d: field(d, "shortcomings.points.0.text").get_attribute("value") == first)
    assert checked(browser, name) == ["1"]
    # choosing a second problem for the first plan
    browser.find_element(By.CSS_SELECTOR, f'#form input[name="{name}"][value="3"]').click()
    wait(
        browser,
        lambda d: d.execute_script("return window.shuzhi.facts.plans.points[0].addresses.join()") == "1,3",
    )
    browser.find_element(By.CSS_SELECTOR, f'#form input[name="{name}"][value="3"]').click()
    wait(
        browser,
        lambda d: d.execute_script("return window.shuzhi.facts.plans.points[0].addresses.join()") == "1",
    )


def test_unknown_metric_is_underlined_with_did_you_mean(browser: webdriver.Chrome) -> None:
    name = "duties.areas.0.points.1.text"
    text = field(browser, name).get_attribute("value")
    assert "{{ 高标准农田 }}" in text
    type_into(browser, name, text.replace("{{ 高标准农田 }}", "{{ 高标准农天 }}"))
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview u.unknown-metric"))
    mark = browser.find_element(By.CSS_SELECTOR, "#preview u.unknown-metric")
    assert "高标准农天" in mark.text and "高标准农田" in mark.get_attribute("title")
    fix = browser.find_element(By.CSS_SELECTOR, f'#form .finding[data-key="{name}"] button.fix')
    assert "高标准农田" in fix.text
    fix.click()
    wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "#preview u.unknown-metric"))
    assert "新建高标准农田5.2万亩" in preview(browser)


def test_save_writes_a_file_that_builds_to_the_same_report(browser: webdriver.Chrome, folder: Path) -> None:
    wait(browser, lambda d: d.execute_script("return window.shuzhi.idle() && window.shuzhi.lastMarkdown"))
    shown = browser.execute_script("return window.shuzhi.lastMarkdown")
    name = browser.find_element(By.ID, "name")
    name.send_keys(Keys.CONTROL, "a")
    name.send_keys("李明.yaml")
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: "已保存 李明.yaml" in d.find_element(By.ID, "status").text)
    saved = folder / "李明.yaml"
    text = saved.read_text(encoding="utf-8")
    assert (
        "姓名: 李明" in text
        and "小标题: 坚持学用结合" in text
        and "# 述职述廉报告 事实文件（由 report serve 保存）" in text
    )
    project = Project()
    built = render(load_facts(saved, project), project).markdown
    assert built == shown
    assert "三是坚持学用结合。" in built and PLACEHOLDER not in built
    # edited on disk meanwhile: the page refuses to overwrite and offers to reload
    saved.write_text(text + "\n# 在别处改过\n", encoding="utf-8")
    type_into(browser, "person.position", "局长")
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: d.find_element(By.ID, "conflict").is_displayed())
    assert "被修改过" in browser.find_element(By.ID, "conflict-text").text
    assert saved.read_text(encoding="utf-8").endswith("# 在别处改过\n")
    browser.find_element(By.ID, "reload").click()
    wait(browser, lambda d: field(d, "person.position").get_attribute("value") == "副局长")


def test_download_a_docx_that_opens(browser: webdriver.Chrome, downloads: Path) -> None:
    from docx import Document

    browser.find_element(By.ID, "download-docx").click()
    target = downloads / "李明.docx"
    wait(browser, lambda d: target.exists() and target.stat().st_size > 0, timeout=20)
    time.sleep(0.2)
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "2024年度述职述廉报告" in text and "李明" in text and "坚持学用结合" in text


def test_upload_last_years_docx(browser: webdriver.Chrome, tmp_path: Path) -> None:
    project = Project()
    doc = load_facts(ROOT / "examples" / "geren-shuzhi.yaml", project)
    data = output_bytes(doc, render(doc, project), ["docx"], BuildOptions())
    upload = tmp_path / "去年的报告.docx"
    upload.write_bytes(data["docx"])
    browser.find_element(By.ID, "upload").send_keys(str(upload))
    wait(browser, lambda d: "已导入 去年的报告.docx" in d.find_element(By.ID, "status").text)
    assert field(browser, "person.name").get_attribute("value") == doc.facts.person.name
    assert browser.find_element(By.ID, "name").get_attribute("value") == "去年的报告.yaml"
    title = render(doc, project).title
    wait(browser, lambda d: title in preview(d))


def test_start_from_a_kinds_starter_and_change_the_kind(browser: webdriver.Chrome) -> None:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "starter-kind")).select_by_value("工作总结")
    browser.find_element(By.ID, "new").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#form [name="unit.name"]'))
    assert not browser.find_elements(By.CSS_SELECTOR, '#form [name="person.name"]')
    assert browser.find_element(By.ID, "name").get_attribute("value") == ""
    wait(browser, lambda d: "工作总结" in preview(d))
    legends = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#form fieldset > legend")]
    assert [re.sub(r"^.、| \*$", "", t) for t in legends[2:]] == ["基本情况", "述职", "存在问题", "下步打算"]
    # the starter's placeholders are findings beside their fields
    assert any("[R01]" in t for t in findings_at(browser, "unit.name"))
    # another kind: its sections; what was written stays (shown at the end when the kind has no such section)
    Select(field(browser, "kind")).select_by_value("述职述廉")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#form [name="person.name"]'))
    legends = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#form fieldset > legend")]
    assert "述学 *" in " ".join(legends) and "基本情况" in " ".join(legends)


def test_opening_another_file_asks_before_dropping_edits(browser: webdriver.Chrome) -> None:
    from selenium.webdriver.support import expected_conditions

    type_into(browser, "person.name", "赵六")
    browser.find_element(By.ID, "open").click()
    wait(browser, expected_conditions.alert_is_present())
    alert = browser.switch_to.alert
    assert "还没有保存" in alert.text
    alert.dismiss()
    assert field(browser, "person.name").get_attribute("value") == "赵六"
    browser.find_element(By.ID, "open").click()
    wait(browser, expected_conditions.alert_is_present())
    browser.switch_to.alert.accept()
    wait(browser, lambda d: field(d, "person.name").get_attribute("value") == "李明")
    assert "已打开 李明.yaml" in browser.find_element(By.ID, "status").text


def test_the_page_broke_no_rule_of_its_policy(browser: webdriver.Chrome) -> None:
    # everything the page used came from the server itself: the browser refused nothing
    messages = [e["message"] for e in browser.get_log("browser")]
    assert not [m for m in messages if "Content Security Policy" in m or "Refused to" in m], messages
    assert not [m for m in messages if "Uncaught" in m], messages
