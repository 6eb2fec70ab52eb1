"""report serve over HTTP: the guard (token, Host, Origin, sizes, paths), the API and one real server."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from shuzhi.pipeline import Project, load_facts, load_text, render
from shuzhi.produce import BuildOptions, output_bytes
from shuzhi.serve import schema
from shuzhi.serve.app import create_app
from shuzhi.serve.preview import field_name
from shuzhi.serve.workspace import Workspace
from shuzhi.serve.yamlout import to_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "shuzhi-shulian.yaml"
TOKEN = "test-token-0123456789"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"


@pytest.fixture(scope="module")
def project() -> Project:
    return Project()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "wang.yaml").write_bytes(EXAMPLE.read_bytes())
    return ws


@pytest.fixture
def anon(folder: Path, project: Project) -> TestClient:
    return TestClient(create_app(Workspace(folder, "wang.yaml"), project, TOKEN, PORT), base_url=BASE)


@pytest.fixture
def client(anon: TestClient) -> TestClient:
    anon.headers["X-Shuzhi-Token"] = TOKEN
    return anon


def opened(client: TestClient, name: str = "wang.yaml") -> dict:
    r = client.get("/api/open", params={"name": name})
    assert r.status_code == 200, r.text
    return r.json()


# ---------------------------------------------------------------- the guard


@pytest.mark.parametrize("path", ["/", "/api/form", "/static/app.js", "/api/open?name=wang.yaml"])
def test_no_token_is_refused(anon: TestClient, path: str) -> None:
    r = anon.get(path)
    assert r.status_code == 403
    assert "令牌" in r.text and "提示" in r.text
    assert anon.get(path, headers={"X-Shuzhi-Token": "wrong"}).status_code == 403
    anon.cookies.set(f"shuzhi-token-{PORT}", "wrong")
    assert anon.get(path).status_code == 403


def test_token_in_address_becomes_a_cookie(anon: TestClient) -> None:
    r = anon.get("/", params={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert f"shuzhi-token-{PORT}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = anon.get("/")  # the cookie alone now opens everything
    assert page.status_code == 200
    assert 'id="preview"' in page.text and 'id="save"' in page.text
    assert anon.get("/static/app.js").status_code == 200


def test_the_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    r = client.get("/")
    policy = r.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert r.headers["x-frame-options"] == "DENY"
    for path in ("/", "/static/app.js", "/static/app.css"):
        text = client.get(path).text
        assert not re.search(r"(https?:)?//[\w.-]+\.[a-z]{2,}/|@import|\burl\(\s*['\"]?(https?:|//)", text), (
            path
        )
        assert (
            "<script>" not in text and " on" + "submit=" not in text
        )  # no inline script: the policy forbids it


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8765",
        "127.0.0.1.nip.io:8765",
        "localhost.evil.com",
        "127.0.0.1:9999",
        "10.0.0.5:8765",
        "",
    ],
)
def test_foreign_host_is_refused(client: TestClient, host: str) -> None:
    r = client.get("/api/form", headers={"Host": host})
    assert r.status_code == 403
    assert "Host" in r.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.1"])
def test_own_host_is_accepted(client: TestClient, host: str) -> None:
    assert client.get("/api/form", headers={"Host": host}).status_code == 200


def test_foreign_origin_on_post_is_refused(client: TestClient) -> None:
    body = {"facts": opened(client)["facts"]}
    for origin in ("http://evil.example", "http://127.0.0.1:9999", "https://127.0.0.1:8765", "null"):
        r = client.post("/api/preview", json=body, headers={"Origin": origin})
        assert r.status_code == 403, origin
    r = client.post("/api/preview", json=body, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    r = client.post("/api/preview", json=body, headers={"Origin": BASE})
    assert r.status_code == 200


def test_cross_site_save_writes_nothing(client: TestClient, folder: Path) -> None:
    body = {"name": "planted.yaml", "facts": {"kind": "述职述廉"}}
    r = client.post("/api/save", json=body, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    assert not (folder / "planted.yaml").exists()


def test_twenty_megabyte_body_is_refused(client: TestClient) -> None:
    big = b"x" * (20 * 1024 * 1024)
    for path in ("/api/preview", "/api/save", "/api/import?name=a.docx"):
        assert client.post(path, content=big).status_code == 413, path

    def chunks():  # no Content-Length: counted while it is read
        for _ in range(20):
            yield b"x" * (1024 * 1024)

    assert client.post("/api/preview", content=chunks()).status_code == 413
    assert client.post("/api/import?name=a.docx", content=chunks()).status_code == 413


@pytest.mark.parametrize(
    "name",
    [
        "../outside.yaml",
        "/etc/passwd",
        "..",
        "sub/wang.yaml",
        "..\\outside.yaml",
        ".hidden.yaml",
        "wang.py",
        "",
        "shuzhi.yaml",
        "SHUZHI.yaml",
    ],
)
def test_paths_outside_the_folder_are_refused(client: TestClient, folder: Path, name: str) -> None:
    (folder.parent / "outside.yaml").write_text("kind: 述职述廉\n", encoding="utf-8")
    assert client.get("/api/open", params={"name": name}).status_code == 403
    facts = opened(client)["facts"]
    r = client.post("/api/save", json={"name": name, "facts": facts, "digest": None})
    if name == "wang.py":  # saved as wang.py.yaml, in the folder
        assert r.status_code == 200 and (folder / "wang.py.yaml").is_file()
    else:
        assert r.status_code in (400, 403)
    assert (folder.parent / "outside.yaml").read_text(encoding="utf-8") == "kind: 述职述廉\n"
    assert sorted(p.name for p in folder.parent.iterdir()) == ["outside.yaml", "ws"]


def test_odd_requests_are_clear_errors(client: TestClient, folder: Path) -> None:
    facts = opened(client)["facts"]
    long_name = "长" * 300 + ".yaml"
    for r in (
        client.get("/api/open", params={"name": long_name}),
        client.post("/api/save", json={"name": long_name, "facts": facts}),
    ):
        assert r.status_code == 422 and "文件名太长" in r.json()["error"]
    assert client.post("/api/save", json={"name": 5, "facts": facts}).status_code == 400
    assert client.post("/api/preview", json={"facts": [1]}).json()["error"] == "请求缺少 facts"
    assert client.post("/api/preview", content=b"\xff\xfe").json()["error"] == "请求不是有效的 JSON"
    assert client.post("/api/download/exe", json={"facts": facts}).status_code == 404
    r = client.post("/api/download/docx", json={"facts": {"kind": "述职述廉"}})
    assert r.status_code == 422 and any("year" in f["text"] for f in r.json()["findings"])
    assert client.get("/static/../../etc/passwd").status_code == 404
    r = client.post("/api/import", params={"name": "a.md"}, content=b"\x00\x01binary")
    assert r.status_code == 422 and "二进制" in r.json()["error"]
    assert sorted(p.name for p in folder.iterdir()) == ["wang.yaml"]


def test_a_link_out_of_the_folder_is_refused(client: TestClient, folder: Path) -> None:
    secret = folder.parent / "secret.yaml"
    secret.write_text("kind: 述职述廉\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    assert client.get("/api/open", params={"name": "link.yaml"}).status_code == 403
    assert "link.yaml" not in client.get("/api/form").json()["files"]


# ---------------------------------------------------------------- the API


def test_form_follows_each_kind(client: TestClient, project: Project) -> None:
    form = client.get("/api/form").json()
    assert form["files"] == ["wang.yaml"] and form["first"] == "wang.yaml"
    kinds = {k["id"]: k for k in form["form"]["kinds"]}
    assert set(kinds) == set(project.kinds)
    for kind in project.kinds.values():
        sections = kinds[kind.id]["sections"]
        assert [s["key"] for s in sections] == [s.key for s in kind.sections]
        assert [s["heading"] for s in sections] == [s.heading for s in kind.sections]
        assert all(s["help"] for s in sections)
    person = {f["key"]: f for f in form["form"]["person"]}
    assert person["name"]["label"] == "姓名" and person["name"]["required"]
    assert [f["label"] for f in form["form"]["metric"]] == ["数值", "上年", "单位"]
    point = {f["key"]: f for f in form["form"]["point"]}
    assert point["headline"]["label"] == "小标题" and point["text"]["label"] == "内容"
    assert point["addresses"]["label"] == "对应问题" and point["cause"]["type"] == "choice"


def test_preview_is_the_build_and_findings_name_fields(client: TestClient, project: Project) -> None:
    facts = opened(client)["facts"]
    assert facts["person"]["name"] == "王建国"
    r = client.post("/api/preview", json={"facts": facts, "name": "wang.yaml"}).json()
    expected = render(load_facts(EXAMPLE, project), project).markdown
    assert r["markdown"] == expected
    assert "<h1>2024年度述职述廉报告</h1>" in r["html"] and "王建国" in r["html"]
    assert r["errors"] == 0
    facts["study"]["points"][0]["text"] = "全年参加学习XX次，撰写心得体会3篇。"
    facts["duties"]["areas"][0]["points"][1]["text"] = "新建高标准农田{{ 高标准农天 }}。"
    r = client.post("/api/preview", json={"facts": facts, "name": "wang.yaml"}).json()
    by_field = {(f["field"], f["rule"]): f for f in r["findings"]}
    assert ("study.points.0.text", "R01") in by_field
    unknown = by_field[("duties.areas.0.points.1.text", None)]
    assert unknown["unknown"] == "高标准农天" and unknown["guess"] == "高标准农田"
    # the preview still shows, the unknown name underlined with did-you-mean
    assert (
        '<u class="unknown-metric" title="未定义的数据项，是否指“高标准农田”？">{{ 高标准农天 }}</u>'
        in r["html"]
    )


def test_a_kind_edited_while_serving_is_previewed_as_now_written(folder: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    builtin = (ROOT / "templates" / "shuzhi-shulian.md.j2").read_text(encoding="utf-8")
    kind = mine / "shuzhi-shulian.md.j2"  # the unit's own copy of the kind, shadowing ours
    kind.write_text(builtin, encoding="utf-8")
    project = Project((mine,))
    client = TestClient(create_app(Workspace(folder, "wang.yaml"), project, TOKEN, PORT), base_url=BASE)
    client.headers["X-Shuzhi-Token"] = TOKEN
    facts = opened(client)["facts"]
    first = client.post("/api/preview", json={"facts": facts, "name": "wang.yaml"}).json()
    assert "## 一、加强学习，提高政治素质\n" in first["markdown"]
    # the template maintainer renames a heading and the title while the page is open
    edited = builtin.replace("heading: 加强学习，提高政治素质", "heading: 强化理论武装").replace(
        'title: "{{ year }}年度述职述廉报告"', 'title: "{{ year }}年度个人述职述廉报告"'
    )
    assert edited != builtin
    kind.write_text(edited + "\n", encoding="utf-8")  # another size: seen even within one clock tick
    again = client.post("/api/preview", json={"facts": facts, "name": "wang.yaml"}).json()
    assert again["markdown"].startswith("# 2024年度个人述职述廉报告\n")
    assert "## 一、强化理论武装\n" in again["markdown"] and "提高政治素质" not in again["markdown"]
    form = client.get("/api/form").json()
    (spec,) = [k for k in form["form"]["kinds"] if k["id"] == "述职述廉"]
    assert spec["sections"][0]["heading"] == "强化理论武装"
    # a kind file broken while serving: a finding at its line, and the form says so too
    kind.write_text(edited.replace("  - {key: study", "  - {key: nosuch", 1), encoding="utf-8")
    broken = client.post("/api/preview", json={"facts": facts, "name": "wang.yaml"}).json()
    assert broken["errors"] == 1 and "类型说明里的章节“nosuch”不存在" in broken["findings"][0]["message"]
    r = client.get("/api/form")
    assert r.status_code == 422 and "nosuch" in r.text


def test_field_names_from_finding_keys() -> None:
    assert field_name("述职.分项[0].要点[1].内容") == "duties.areas.0.points.1.text"
    assert field_name("duties.areas[0].points[1].text") == "duties.areas.0.points.1.text"
    assert field_name("本人.姓名") == "person.name"
    assert field_name("数据.参学人次.上年") == "metrics.参学人次.prev"
    assert field_name("存在问题[1]") == "shortcomings.points.1"
    assert field_name("下步打算.要点[0].对应问题") == "plans.points.0.addresses"
    assert field_name(None) is None


def test_save_writes_the_commented_file_that_builds_the_same(
    client: TestClient, folder: Path, project: Project
) -> None:
    doc = opened(client)
    facts = doc["facts"]
    facts["person"]["name"] = "李明"
    preview = client.post("/api/preview", json={"facts": facts, "name": "li.yaml"}).json()
    r = client.post("/api/save", json={"name": "li", "facts": facts, "digest": None})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "li.yaml" and "li.yaml" in r.json()["files"]
    text = (folder / "li.yaml").read_text(encoding="utf-8")
    # the form report init writes: the schema line, Chinese comments, Chinese keys
    assert text.startswith(
        "# yaml-language-server: $schema=shuzhi.schema.json\n# 述职述廉报告 事实文件（由 report serve 保存）"
    )
    assert re.search(r"^本人: +# \*\n  姓名: 李明\n", text, re.MULTILINE)
    assert (
        re.search(r"^述学: +# \* 理论学习", text, re.MULTILINE)
        and "  # 默认标题：加强学习，提高政治素质" in text
    )
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary file left
    built = render(load_facts(folder / "li.yaml", project), project).markdown
    assert built == preview["markdown"] and "李明" in built


def test_save_refuses_a_file_changed_on_disk(client: TestClient, folder: Path) -> None:
    doc = opened(client)
    edited = "# edited elsewhere\n" + (folder / "wang.yaml").read_text(encoding="utf-8")
    (folder / "wang.yaml").write_text(edited, encoding="utf-8")
    r = client.post("/api/save", json={"name": "wang.yaml", "facts": doc["facts"], "digest": doc["digest"]})
    assert r.status_code == 409
    assert "被修改过" in r.json()["error"] and "重新载入" in r.json()["error"]
    assert (folder / "wang.yaml").read_text(encoding="utf-8") == edited
    # a new file may not take the name of one that exists either
    r = client.post("/api/save", json={"name": "wang.yaml", "facts": doc["facts"], "digest": None})
    assert r.status_code == 409 and "已存在" in r.json()["error"]
    # reloaded, it saves
    fresh = opened(client)
    r = client.post(
        "/api/save", json={"name": "wang.yaml", "facts": fresh["facts"], "digest": fresh["digest"]}
    )
    assert r.status_code == 200


def test_download_docx_and_markdown(client: TestClient, project: Project) -> None:
    facts = opened(client)["facts"]
    r = client.post("/api/download/docx", json={"facts": facts, "name": "wang.yaml"})
    assert r.status_code == 200
    assert "filename*=UTF-8''wang.docx" in r.headers["content-disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "2024年度述职述廉报告" in text and "王建国" in text
    md = client.post("/api/download/md", json={"facts": facts, "name": "wang.yaml"})
    assert md.content.decode("utf-8") == render(load_facts(EXAMPLE, project), project).markdown
    facts["study"]["points"][0]["text"] = "XX"
    draft = client.post("/api/download/md", json={"facts": facts, "name": "wang.yaml"})
    assert "草稿" in draft.content.decode("utf-8")
    assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89" in draft.headers["content-disposition"]  # （草稿）


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_download_pdf(client: TestClient) -> None:
    facts = opened(client)["facts"]
    r = client.post("/api/download/pdf", json={"facts": facts, "name": "wang.yaml"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and "filename*=UTF-8''wang.pdf" in r.headers["content-disposition"]


def test_download_pdf_without_libreoffice_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shuzhi.writers.pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "soffice", lambda: None)
    r = client.post("/api/download/pdf", json={"facts": opened(client)["facts"]})
    assert r.status_code == 422
    assert "生成 PDF 需要 LibreOffice" in r.json()["error"] and "提示" in r.json()["error"]


def test_upload_a_docx_goes_through_import(client: TestClient, project: Project, folder: Path) -> None:
    doc = load_facts(EXAMPLE, project)
    data = output_bytes(doc, render(doc, project), ["docx"], BuildOptions())
    r = client.post("/api/import", params={"name": "2024年述职报告.docx"}, content=data["docx"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["suggested"] == "2024年述职报告.yaml" and body["digest"] is None
    assert body["summary"].startswith("保留了原文")
    assert body["facts"]["person"]["name"] == "王建国" and body["facts"]["kind"] == "述职述廉"
    preview = client.post("/api/preview", json={"facts": body["facts"]}).json()
    assert preview["markdown"] == render(doc, project).markdown  # the import's exact round trip
    bad = client.post("/api/import", params={"name": "坏.docx"}, content=b"PK\x03\x04 not really")
    assert bad.status_code == 422 and "无法读取 Word 文件" in bad.json()["error"]
    assert client.post("/api/import", params={"name": "x.doc"}, content=b"x").status_code == 415
    assert list(folder.iterdir()) == [folder / "wang.yaml"]  # nothing written beside


def test_starter_of_each_kind(client: TestClient, project: Project) -> None:
    for kind in project.kinds.values():
        r = client.get("/api/starter", params={"kind": kind.id})
        assert r.status_code == 200
        facts = r.json()["facts"]
        assert facts["kind"] == kind.id
        assert all(s.key in facts for s in kind.sections)
    assert client.get("/api/starter", params={"kind": "述职述歌"}).status_code == 404


def test_invalid_and_broken_files(client: TestClient, folder: Path) -> None:
    (folder / "tab.yaml").write_text("类型: 述职述廉\n本人:\n\t姓名: 张三\n", encoding="utf-8")
    r = client.get("/api/open", params={"name": "tab.yaml"})
    assert r.status_code == 422 and "制表符" in r.json()["error"] and "tab.yaml:3" in r.json()["error"]
    (folder / "typo.yaml").write_text(
        "类型: 述职述廉\n年度: 2024\n本人: {姓名: 张三, 单位: 某局, 职务: 局长}\n述学: [学习了]\n外号: 小张\n",
        encoding="utf-8",
    )
    facts = opened(client, "typo.yaml")["facts"]
    assert facts["外号"] == "小张" and facts["study"] == {"points": [{"text": "学习了"}]}
    r = client.post("/api/preview", json={"facts": facts}).json()
    assert r["html"] is None and r["errors"] >= 1
    assert any("外号" in f["text"] for f in r["findings"])


# ---------------------------------------------------------------- the facts file it writes


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_written_file_loads_back_the_same(example: Path, project: Project) -> None:
    doc = load_facts(example, project)
    text = to_yaml(schema.page_facts(doc.facts.model_dump(mode="json")), doc.kind)
    again = load_text(text, "again.yaml", project)
    assert again.facts == doc.facts
    assert render(again, project).markdown == render(doc, project).markdown


def test_awkward_text_survives(project: Project) -> None:
    awkward = [
        "{{ 数 }}开头的引用",
        "含有: 冒号和 # 井号",
        "引号\"和'单引号",
        "两行\n文字",
        "全年：完成3项",
        " 前后空格 ",
        "true",
        "- 像列表",
        "@符号",
        "反斜杠\\n",
    ]
    facts = {
        "kind": "述职述廉",
        "year": 2024,
        "person": {"name": "张三", "unit": "某局", "position": "局长"},
        "metrics": {"数": {"value": "3", "unit": "项"}, "true": {"value": "1.50"}},
        "study": {"points": [{"headline": t, "text": t} for t in awkward] + [{"text": t} for t in awkward]},
    }
    kind = project.kinds["述职述廉"]
    data = load_text(to_yaml(facts, kind), "x.yaml", project).facts.model_dump(mode="json", exclude_none=True)
    texts = [p["text"] for p in data["study"]["points"]]
    assert texts == [t.strip() for t in awkward] * 2
    assert data["metrics"]["true"]["value"] == "1.50"


# ---------------------------------------------------------------- one real server


def _own_addresses() -> list[str]:
    out = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            out.add(info[4][0])
    except OSError:
        pass
    return [a for a in out if not a.startswith("127.")]


def test_real_server_on_loopback(tmp_path: Path) -> None:
    (tmp_path / "wang.yaml").write_bytes(EXAMPLE.read_bytes())
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "shuzhi", "serve", str(tmp_path / "wang.yaml"), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert m, line
        port, token = int(m.group(1)), m.group(2)
        import httpx

        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, follow_redirects=True) as http:
            assert http.get("/api/form").status_code == 403
            r = http.get(f"/?token={token}")  # the redirect keeps the cookie
            assert r.status_code == 200 and 'id="preview"' in r.text
            doc = http.get("/api/open", params={"name": "wang.yaml"}).json()
            r = http.post("/api/preview", json={"facts": doc["facts"]}, headers={"Origin": base})
            assert r.status_code == 200 and "王建国" in r.json()["html"]
            assert http.get("/api/form", headers={"Host": f"evil.example:{port}"}).status_code == 403
        for address in _own_addresses():  # nothing listens beyond loopback
            with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
                pass
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
        assert proc.returncode == 0
        assert "已停止" in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_opens_the_browser_at_the_address(tmp_path: Path) -> None:
    (tmp_path / "wang.yaml").write_bytes(EXAMPLE.read_bytes())
    opened_file = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened_file}\n', encoding="utf-8")
    browser.chmod(0o755)
    env = dict(os.environ, PYTHONUNBUFFERED="1", BROWSER=f"{browser} %s")
    proc = subprocess.Popen(
        [sys.executable, "-m", "shuzhi", "serve", str(tmp_path / "wang.yaml"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = re.search(r"http://\S+", proc.stdout.readline()).group(0)  # type: ignore[union-attr]
        for _ in range(100):
            if opened_file.exists() and opened_file.read_text(encoding="utf-8").strip():
                break
            time.sleep(0.1)
        assert opened_file.read_text(encoding="utf-8").strip() == url
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)
    assert proc.returncode == 0


def test_serve_refuses_what_it_cannot_do(cli, tmp_path: Path) -> None:
    (tmp_path / "wang.yaml").write_bytes(EXAMPLE.read_bytes())
    code, out, err = cli("serve", str(tmp_path / "wang.yaml"), "--host", "0.0.0.0", "--no-browser")
    assert code == 1 and "不是本机地址" in err and "Traceback" not in err
    (tmp_path / "报告.docx").write_bytes(b"PK")
    code, out, err = cli("serve", str(tmp_path / "报告.docx"), "--no-browser")
    assert code == 1 and "不是事实文件" in err
    code, out, err = cli("serve", str(tmp_path / "没有这个文件夹"), "--no-browser")
    assert code == 1 and "找不到文件夹" in err
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        code, out, err = cli("serve", str(tmp_path), "--port", str(busy.getsockname()[1]), "--no-browser")
    finally:
        busy.close()
    assert code == 1 and "已被占用" in err and "提示" in err
    code, out, err = cli("serve", "--port", "70000")
    assert code == 2


def test_help_stays_fast_without_the_server_libraries() -> None:
    code = "import sys, shuzhi.cli; sys.exit(any(m in sys.modules for m in ('starlette', 'uvicorn')))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
    r = subprocess.run(
        [sys.executable, "-m", "shuzhi", "serve", "--help"], check=False, capture_output=True, text=True
    )
    assert r.returncode == 0 and "--no-browser" in r.stdout and "只能是本机地址" in r.stdout and not r.stderr


def test_a_file_that_does_not_exist_yet_starts_from_the_starter(tmp_path: Path, project: Project) -> None:
    client = TestClient(create_app(Workspace(tmp_path, "张三.yaml"), project, TOKEN, PORT), base_url=BASE)
    client.headers["X-Shuzhi-Token"] = TOKEN
    form = client.get("/api/form").json()
    assert form["first"] is None and form["new"] == "张三.yaml" and form["files"] == []
    facts = client.get("/api/starter", params={"kind": "述职述廉"}).json()["facts"]
    r = client.post("/api/save", json={"name": "张三.yaml", "facts": facts, "digest": None})
    assert r.status_code == 200
    assert project.kinds["述职述廉"].id in (tmp_path / "张三.yaml").read_text(encoding="utf-8")
    # the starter, saved untouched, is still the starter: it loads, and its placeholders are findings
    preview = client.post("/api/preview", json={"facts": facts, "name": "张三.yaml"}).json()
    assert any(f["rule"] == "R01" and f["field"] == "person.name" for f in preview["findings"])


_KEYS = st.sampled_from(
    (
        "kind",
        "year",
        "person",
        "unit",
        "metrics",
        "study",
        "plans",
        "shortcomings",
        "points",
        "areas",
        "text",
        "headline",
        "addresses",
        "cause",
        "value",
        "prev",
        "name",
        "heading",
        "x: y",
        "# c",
        "{{ a }}",
        "",
        "true",
    )
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["述职述廉", "2024", "{{ x }}", "- a", "a: b", "#", "全年：3项", "\t"]),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)
_PAGE_FACTS = st.fixed_dictionaries(
    {"kind": st.sampled_from(["述职述廉", "工作总结", "x"]), "year": st.sampled_from([2024, "2024", "x"])},
    optional={
        k: _JSON for k in ("person", "unit", "metrics", "study", "shortcomings", "plans", "leaders", "date")
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(facts=_PAGE_FACTS)
def test_any_page_state_is_findings_never_a_crash(facts: dict) -> None:
    from shuzhi.errors import ShuzhiError
    from shuzhi.facts.loader import parse_yaml
    from shuzhi.rules.config import Config
    from shuzhi.serve.preview import analyse, preview_json

    project = Project()
    analysis = analyse(facts, project, Config(), "x.yaml")
    shown = preview_json(analysis)
    assert shown["html"] is not None or shown["errors"] > 0
    try:  # what save writes always parses (only a control character is refused by the loader)
        data, _ = parse_yaml(analysis.yaml, "x.yaml")
    except ShuzhiError as e:
        assert "控制字符" in str(e)
        return
    schema.page_facts(data)
