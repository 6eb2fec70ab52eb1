// report serve: the form is built from /api/form (the facts model and the kind specs);
// field names are the facts key paths. Plain JavaScript, no build step, nothing loaded from elsewhere.
"use strict";

const S = {
  form: null,        // the description of every kind's form
  facts: {},         // the facts as the page holds them (English keys, long forms)
  name: "",          // the file they are saved to
  digest: null,      // what the file was on disk when opened (null: a new file)
  seq: 0,            // the last preview asked for
  shown: 0,          // the last preview shown
  busy: false,
  dirty: false,      // edited since opened or saved
  timer: null,
  lastMarkdown: null,
  lastFindings: [],
};
window.shuzhi = S;

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function status(text, isError = false) {
  const box = $("#status");
  box.textContent = text;
  box.className = isError ? "error" : "";
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: "same-origin", ...options });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const error = new Error((body && body.error) || (await response.text().catch(() => "")) || response.statusText);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

const post = (path, data) =>
  api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });

// ------------------------------------------------------------------ the facts by key path

function parts(path) {
  return path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function getAt(path) {
  let node = S.facts;
  for (const p of parts(path)) {
    if (node === null || node === undefined) return undefined;
    node = node[p];
  }
  return node;
}

function setAt(path, value) {
  const ps = parts(path);
  let node = S.facts;
  ps.slice(0, -1).forEach((p, i) => {
    if (node[p] === undefined || node[p] === null || typeof node[p] !== "object") {
      node[p] = typeof ps[i + 1] === "number" ? [] : {};
    }
    node = node[p];
  });
  const last = ps[ps.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node[last] = undefined;
    else delete node[last];
  } else {
    node[last] = value;
  }
}

function list(path) {
  let value = getAt(path);
  if (!Array.isArray(value)) {
    value = [];
    setAt(path, value);
  }
  return value;
}

// ------------------------------------------------------------------ building the form

function kindSpec() {
  const kinds = S.form.kinds;
  return kinds.find((k) => k.id === S.facts.kind || k.alias === S.facts.kind) || null;
}

function changed() {
  S.dirty = true;
  schedulePreview();
}

// nothing typed is lost by opening another file: ask first
function mayDiscard() {
  return !S.dirty || window.confirm("页面上的修改还没有保存。确定放弃这些修改吗？");
}

function bindValue(input, path, { type = "text", keep = false } = {}) {
  input.name = path;
  const current = getAt(path);
  if (type === "bool") input.checked = current === true;
  else if (type === "list") input.value = Array.isArray(current) ? current.join("、") : current ?? "";
  else input.value = current ?? "";
  input.addEventListener(type === "bool" ? "change" : "input", () => {
    let value = type === "bool" ? input.checked : input.value;
    if (type === "number" && /^\s*-?\d+\s*$/.test(value)) value = Number(value);
    if (type === "list") value = value.split(/[、，,]+/).map((s) => s.trim()).filter(Boolean);
    const empty = value === "" || (Array.isArray(value) && !value.length) || (type === "bool" && !value);
    setAt(path, empty && !keep ? undefined : value);
    changed();
  });
  return input;
}

function field(spec, path, { multiline = false, placeholder = "" } = {}) {
  let input;
  if (spec.type === "bool") input = el("input", { type: "checkbox" });
  else if (spec.type === "choice") {
    input = el("select", {}, spec.choices.map(([v, label]) => el("option", { value: v, text: label })));
  } else if (multiline) input = el("textarea", { rows: 3, placeholder });
  else input = el("input", { type: "text", placeholder });
  bindValue(input, path, { type: spec.type, keep: spec.required && path.endsWith(".text") });
  const label = el("label", { text: (spec.required ? "* " : "") + spec.label, title: spec.help || null });
  return el("div", { class: "row", "data-field": path }, label, input);
}

function itemHead(title, arrPath, index, length, onChange) {
  const move = (delta) => () => {
    const arr = list(arrPath);
    const j = index + delta;
    if (j < 0 || j >= arr.length) return;
    [arr[index], arr[j]] = [arr[j], arr[index]];
    onChange({ moved: [index, j] });
  };
  const remove = () => {
    list(arrPath).splice(index, 1);
    onChange({ removed: index });
  };
  return el(
    "div",
    { class: "item-head" },
    el("span", { class: "title", text: title }),
    el("button", { type: "button", class: "up", title: "上移", disabled: index === 0, onclick: move(-1) }, "↑"),
    el("button", { type: "button", class: "down", title: "下移", disabled: index === length - 1, onclick: move(1) }, "↓"),
    el("button", { type: "button", class: "remove", title: "删除", onclick: remove }, "✕"),
  );
}

const ORDINALS = "一二三四五六七八九十";

function shortcomingsList() {
  const s = S.facts.shortcomings || {};
  const items = (s.areas && s.areas.length ? s.areas.map((a) => a.heading) : (s.points || []).map((p) => p && (p.headline || p.text)));
  return items.map((t) => (t || "").slice(0, 14));
}

function renumberAddresses(change) {
  // moving or removing a shortcoming keeps every plan pointing at the same problem
  const plans = S.facts.plans;
  if (!plans) return;
  const points = [...(plans.points || []), ...(plans.areas || []).flatMap((a) => a.points || [])];
  for (const p of points) {
    if (!p || !Array.isArray(p.addresses)) continue;
    let out = p.addresses;
    if (change.moved) {
      const [a, b] = change.moved.map((n) => n + 1);
      out = out.map((n) => (n === a ? b : n === b ? a : n));
    } else if (change.removed !== undefined) {
      const k = change.removed + 1;
      out = out.filter((n) => n !== k).map((n) => (n > k ? n - 1 : n));
    }
    out = [...new Set(out)].sort((x, y) => x - y);
    if (out.length) p.addresses = out;
    else delete p.addresses;
  }
}

function pointBlock(section, arrPath, index, length) {
  const path = `${arrPath}.${index}`;
  const point = list(arrPath)[index];
  if (typeof point !== "object" || point === null) list(arrPath)[index] = { text: point == null ? "" : String(point) };
  const specs = S.form.point;
  const get = (k) => specs.find((f) => f.key === k);
  const onChange = (change) => {
    if (section === "shortcomings" && !arrPath.includes("areas.")) renumberAddresses(change);
    rebuild();
  };
  const box = el(
    "div",
    { class: "item", "data-path": path },
    itemHead(`第${index + 1}条（${ORDINALS[index] || index + 1}是）`, arrPath, index, length, onChange),
    field(get("headline"), `${path}.headline`, { placeholder: "一句话概括（不写“一是”）" }),
    field(get("text"), `${path}.text`, { multiline: true }),
  );
  if (section === "shortcomings") box.append(field(get("cause"), `${path}.cause`));
  if (section === "plans") {
    const chosen = new Set(getAt(`${path}.addresses`) || []);
    const problems = shortcomingsList();
    const boxes = problems.map((title, i) => {
      const input = el("input", { type: "checkbox", name: `${path}.addresses`, value: String(i + 1), checked: chosen.has(i + 1) });
      input.addEventListener("change", () => {
        const values = [...box.querySelectorAll(`input[name="${path}.addresses"]:checked`)].map((c) => Number(c.value));
        setAt(`${path}.addresses`, values.length ? values : undefined);
        changed();
      });
      return el("label", {}, input, ` 第${i + 1}条 ${title}`);
    });
    const spec = get("addresses");
    box.append(
      el("div", { class: "row", "data-field": `${path}.addresses` },
        el("label", { text: spec.label, title: spec.help }),
        el("div", { class: "addresses" }, boxes.length ? boxes : el("span", { class: "help", text: "先在“存在问题”里写问题" }))),
    );
  }
  return box;
}

function pointsBlock(section, arrPath) {
  const points = Array.isArray(getAt(arrPath)) ? getAt(arrPath) : [];
  const box = el("div", { class: "points", "data-path": arrPath });
  points.forEach((_, i) => box.append(pointBlock(section, arrPath, i, points.length)));
  box.append(
    el("button", {
      type: "button",
      class: "add add-point",
      "data-path": arrPath,
      title: S.form.help.points,
      onclick: () => {
        list(arrPath).push({ headline: "", text: "" });
        rebuild();
      },
    }, `＋ 添加${S.form.names.points}`),
  );
  return box;
}

function areaBlock(section, arrPath, index, length) {
  const path = `${arrPath}.${index}`;
  const specs = S.form.area;
  const box = el("div", { class: "area", "data-path": path }, itemHead(`分项（${ORDINALS[index] || index + 1}）`, arrPath, index, length, (change) => {
    if (section === "shortcomings") renumberAddresses(change);
    rebuild();
  }));
  for (const spec of specs) {
    if (spec.key === "outro") continue;
    box.append(field(spec, `${path}.${spec.key}`, { multiline: spec.key !== "heading" }));
  }
  box.append(pointsBlock(section, `${path}.points`));
  box.append(field(specs.find((f) => f.key === "outro"), `${path}.outro`, { multiline: true }));
  return box;
}

function sectionBlock(spec, index) {
  const key = spec.key;
  const sectionSpecs = S.form.section;
  const get = (k) => sectionSpecs.find((f) => f.key === k);
  const legend = el("legend", {}, `${ORDINALS[index] || index + 1}、${spec.name}`, spec.required ? el("span", { class: "req", text: " *" }) : null);
  const box = el("fieldset", { "data-path": key, id: `section-${key}` }, legend, el("p", { class: "help", text: spec.help || "" }));
  box.append(field(get("heading"), `${key}.heading`, { placeholder: `默认：${spec.heading}` }));
  box.append(field(get("intro"), `${key}.intro`, { multiline: true }));
  box.append(el("div", { class: "help", text: `${S.form.names.points}：${S.form.help.points}` }));
  box.append(pointsBlock(key, `${key}.points`));
  const areas = Array.isArray(getAt(`${key}.areas`)) ? getAt(`${key}.areas`) : [];
  const areaBox = el("div", { class: "areas", "data-path": `${key}.areas` });
  areas.forEach((_, i) => areaBox.append(areaBlock(key, `${key}.areas`, i, areas.length)));
  areaBox.append(
    el("button", {
      type: "button",
      class: "add add-area",
      "data-path": `${key}.areas`,
      title: S.form.help.areas,
      onclick: () => {
        list(`${key}.areas`).push({ heading: "", points: [{ headline: "", text: "" }] });
        rebuild();
      },
    }, `＋ 添加${S.form.names.areas}`),
  );
  box.append(areaBox);
  box.append(field(get("outro"), `${key}.outro`, { multiline: true }));
  return box;
}

function metricsBlock() {
  const metrics = S.facts.metrics && typeof S.facts.metrics === "object" ? S.facts.metrics : {};
  const cols = S.form.metric;
  const head = el("tr", {}, el("th", { text: S.form.names.metric_name }), cols.map((c) => el("th", { text: c.label })), el("th"));
  const rows = Object.keys(metrics).map((name) => {
    const nameInput = el("input", { type: "text", name: `metrics.${name}.name`, value: name, "data-metric": name });
    nameInput.addEventListener("change", () => {
      const fresh = nameInput.value.trim();
      if (!fresh || fresh === name) return;
      if (fresh in S.facts.metrics) {
        status(`数据项“${fresh}”已经有了，换个名称`, true);
        nameInput.value = name;
        return;
      }
      const out = {};
      for (const [k, v] of Object.entries(S.facts.metrics)) out[k === name ? fresh : k] = v;
      S.facts.metrics = out;
      rebuild();
    });
    const cells = cols.map((c) => {
      const input = el("input", { type: "text" });
      bindValue(input, `metrics.${name}.${c.key}`, { keep: c.required });
      return el("td", { "data-field": `metrics.${name}.${c.key}` }, input);
    });
    const remove = el("button", { type: "button", class: "remove", title: "删除", onclick: () => {
      delete S.facts.metrics[name];
      rebuild();
    } }, "✕");
    return el("tr", { "data-path": `metrics.${name}` }, el("td", { "data-field": `metrics.${name}.name` }, nameInput), cells, el("td", {}, remove));
  });
  const add = el("button", { type: "button", class: "add add-metric", onclick: () => {
    if (!S.facts.metrics || typeof S.facts.metrics !== "object") S.facts.metrics = {};
    let n = 1;
    while (`数据${n}` in S.facts.metrics) n += 1;
    S.facts.metrics[`数据${n}`] = { value: "" };
    rebuild();
  } }, "＋ 添加数据");
  return el("fieldset", { "data-path": "metrics", id: "section-metrics" },
    el("legend", { text: S.form.names.metrics }),
    el("p", { class: "help", text: S.form.help.metrics }),
    el("table", { class: "metrics" }, el("thead", {}, head), el("tbody", {}, rows)),
    add);
}

function basicsBlock(kind) {
  const box = el("fieldset", { "data-path": "", id: "section-basics" }, el("legend", { text: "基本信息" }));
  const kindSelect = el("select", { name: "kind" }, S.form.kinds.map((k) => el("option", { value: k.id, text: k.id })));
  kindSelect.value = kind ? kind.id : "";
  if (!kind) kindSelect.prepend(el("option", { value: S.facts.kind || "", text: `（${S.facts.kind || "未选"}）`, selected: true }));
  kindSelect.addEventListener("change", () => {
    S.facts.kind = kindSelect.value;
    rebuild();
  });
  box.append(el("div", { class: "row", "data-field": "kind" }, el("label", { text: "* 报告类型" }), kindSelect));
  const top = S.form.top;
  const byKey = (k) => top.find((f) => f.key === k);
  for (const k of ["year", "date", "title"]) box.append(field(byKey(k), k));
  const who = kind && kind.unit ? "unit" : "person";
  for (const spec of S.form[who]) box.append(field(spec, `${who}.${spec.key}`, { placeholder: spec.help }));
  for (const k of ["leaders", "salutation", "intro", "closing", "signature"]) {
    const spec = byKey(k);
    if (spec) box.append(field(spec, k, { multiline: k === "intro", placeholder: spec.help }));
  }
  return box;
}

function rebuild() {
  S.dirty = true; // every rebuild but the one after opening a file is an edit (take() clears this)
  const form = $("#form");
  const scroll = window.scrollY;
  const kind = kindSpec();
  const blocks = [basicsBlock(kind), metricsBlock()];
  const keys = kind ? kind.sections.map((s) => s.key) : [];
  (kind ? kind.sections : []).forEach((spec, i) => blocks.push(sectionBlock(spec, i)));
  // sections this kind does not list are still shown: nothing the file says is hidden
  const extra = Object.keys(S.facts).filter((k) => S.form.sectionKeys.includes(k) && !keys.includes(k));
  extra.forEach((k, i) => blocks.push(sectionBlock({ key: k, name: S.form.sectionNames[k], heading: "", required: false, help: "本报告类型没有这一章节" }, keys.length + i)));
  form.replaceChildren(...blocks);
  window.scrollTo(0, scroll);
  showFindings(S.lastFindings);
  schedulePreview(0);
}

// ------------------------------------------------------------------ preview and findings

function schedulePreview(delay = 150) {
  clearTimeout(S.timer);
  S.timer = setTimeout(runPreview, delay);
}

// true when the preview shows the facts as they are now (tests wait for it)
S.idle = () => !S.busy && S.timer === null;

async function runPreview() {
  S.timer = null;
  if (S.busy) {
    schedulePreview(60);
    return;
  }
  S.busy = true;
  const seq = ++S.seq;
  try {
    const result = await post("/api/preview", { facts: S.facts, name: S.name || null });
    if (seq >= S.shown) {
      S.shown = seq;
      showPreview(result);
    }
  } catch (e) {
    status(`预览失败：${e.message}`, true);
  } finally {
    S.busy = false;
  }
}

function showPreview(result) {
  const preview = $("#preview");
  if (result.html !== null) preview.innerHTML = result.html;
  else if (!preview.innerHTML) preview.replaceChildren(el("p", { class: "empty", text: "事实有错误，修正后显示预览。" }));
  S.lastMarkdown = result.markdown;
  S.lastFindings = result.findings;
  $("#summary").textContent = `${result.chars} 字；${result.errors} 个错误，${result.warnings} 个警告` +
    (result.html === null ? "（预览停在上一次能生成的内容）" : "");
  showFindings(result.findings);
  preview.dataset.seq = String(S.shown);
}

function findTarget(path) {
  if (!path) return null;
  const ps = path.split(".");
  for (let n = ps.length; n > 0; n--) {
    const p = ps.slice(0, n).join(".");
    const exact = document.querySelector(`#form [data-field="${CSS.escape(p)}"]`);
    if (exact) return exact;
    const box = document.querySelector(`#form [data-path="${CSS.escape(p)}"]`);
    if (box) return box;
  }
  return null;
}

function findingNode(f, tag = "div") {
  const node = el(tag, { class: `finding ${f.severity}`, "data-key": f.field || "" });
  const word = f.severity === "error" ? "错误" : "警告";
  node.append(`${word}：${f.rule ? `[${f.rule}] ` : ""}`);
  if (f.unknown) {
    node.append("未定义的数据项“", el("u", { text: f.unknown }), "”");
    if (f.guess) {
      node.append(`，是否指“${f.guess}”？`);
      if (tag === "div" && f.field) {
        node.append(el("button", { type: "button", class: "fix", onclick: () => replaceName(f.field, f.unknown, f.guess) }, `改为“${f.guess}”`));
      }
    }
  } else {
    node.append(f.message + (f.hint ? `（提示：${f.hint}）` : ""));
  }
  return node;
}

function replaceName(path, wrong, right) {
  const input = document.querySelector(`#form [name="${CSS.escape(path)}"]`);
  const value = String(getAt(path) ?? "");
  const fixed = value.split(`{{ ${wrong}`).join(`{{ ${right}`).split(`{{${wrong}`).join(`{{${right}`);
  setAt(path, fixed);
  if (input) input.value = fixed;
  changed();
}

function showFindings(findings) {
  document.querySelectorAll("#form .finding").forEach((n) => n.remove());
  document.querySelectorAll("#form .has-error").forEach((n) => n.classList.remove("has-error"));
  const side = $("#findings");
  side.replaceChildren();
  for (const f of findings || []) {
    const target = findTarget(f.field);
    if (target) {
      const input = target.matches("[data-field]") ? target.querySelector("input, textarea, select") : null;
      if (input && f.severity === "error") input.classList.add("has-error");
      const node = findingNode(f);
      if (target.matches("td, tr")) target.closest("tr").after(el("tr", { class: "finding-row" }, el("td", { colspan: 6 }, node)));
      else if (target.matches("[data-field]")) target.after(node);
      else if (target.matches("fieldset")) (target.querySelector(":scope > .help") || target.querySelector("legend")).after(node);
      else target.prepend(node);
    }
    const item = findingNode(f, "li");
    item.addEventListener("click", () => {
      const t = findTarget(f.field);
      if (t) {
        t.scrollIntoView({ block: "center" });
        const input = t.querySelector("input, textarea, select");
        if (input) input.focus();
      }
    });
    side.append(item);
  }
  document.querySelectorAll("#form tr.finding-row").forEach((r) => { if (!r.querySelector(".finding")) r.remove(); });
}

// ------------------------------------------------------------------ files

function take(doc, message) {
  S.facts = doc.facts || {};
  S.name = doc.name || doc.suggested || "";
  S.digest = doc.digest || null;
  S.lastFindings = doc.findings || [];
  $("#name").value = S.name;
  $("#conflict").hidden = true;
  $("#preview").replaceChildren();
  rebuild();
  S.dirty = false;
  status(message);
}

async function openFile(name, discard = false) {
  if (!discard && !mayDiscard()) return;
  try {
    take(await api(`/api/open?name=${encodeURIComponent(name)}`), `已打开 ${name}`);
  } catch (e) {
    status(e.message, true);
  }
}

async function newFromStarter(kind) {
  if (!mayDiscard()) return;
  try {
    take(await api(`/api/starter?kind=${encodeURIComponent(kind)}`), `已从“${kind}”模板新建；填好后起个文件名保存`);
  } catch (e) {
    status(e.message, true);
  }
}

function fillFiles(files, chosen) {
  const select = $("#file");
  select.replaceChildren(...files.map((f) => el("option", { value: f, text: f })));
  if (!files.length) select.append(el("option", { value: "", text: "（文件夹里还没有 .yaml 文件）" }));
  if (chosen && files.includes(chosen)) select.value = chosen;
}

async function save() {
  const name = $("#name").value.trim();
  if (!name) {
    status("请先在“文件名”里写一个文件名，例如 张三.yaml", true);
    $("#name").focus();
    return;
  }
  const sameFile = name === S.name;
  try {
    const result = await post("/api/save", { name, facts: S.facts, digest: sameFile ? S.digest : null });
    S.name = result.name;
    S.digest = result.digest;
    S.dirty = false;
    $("#name").value = result.name;
    fillFiles(result.files, result.name);
    $("#conflict").hidden = true;
    status(`已保存 ${result.name}`);
  } catch (e) {
    if (e.status === 409) {
      $("#conflict-text").textContent = e.message;
      $("#conflict").hidden = false;
    }
    status(`未保存：${e.message}`, true);
  }
}

async function download(format) {
  try {
    const response = await fetch(`/api/download/${format}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ facts: S.facts, name: S.name || null }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || response.statusText);
    }
    const disposition = response.headers.get("content-disposition") || "";
    const m = disposition.match(/filename\*=UTF-8''([^;]+)/);
    const filename = m ? decodeURIComponent(m[1]) : `report.${format}`;
    const url = URL.createObjectURL(await response.blob());
    const a = el("a", { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status(`已下载 ${filename}`);
  } catch (e) {
    status(`下载失败：${e.message}`, true);
  }
}

async function upload(file) {
  if (!mayDiscard()) {
    $("#upload").value = "";
    return;
  }
  try {
    const doc = await api(`/api/import?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
    take(doc, `已导入 ${file.name}（${doc.summary}）：请核对后保存为 ${doc.suggested}`);
  } catch (e) {
    status(`导入失败：${e.message}`, true);
  }
}

async function start() {
  const info = await api("/api/form");
  S.form = info.form;
  S.form.sectionKeys = Object.keys(info.form.sectionNames);
  $("#starter-kind").replaceChildren(...S.form.kinds.map((k) => el("option", { value: k.id, text: k.id })));
  $("#starter-kind").value = S.form.kinds.some((k) => k.id === "述职述廉") ? "述职述廉" : S.form.kinds[0].id;
  fillFiles(info.files, info.first);
  $("#form").addEventListener("submit", (e) => e.preventDefault());
  $("#open").addEventListener("click", () => $("#file").value && openFile($("#file").value));
  $("#new").addEventListener("click", () => newFromStarter($("#starter-kind").value));
  $("#save").addEventListener("click", save);
  $("#save-as").addEventListener("click", () => { $("#name").value = ""; $("#name").focus(); $("#conflict").hidden = true; });
  $("#reload").addEventListener("click", () => openFile(S.name, true));
  window.addEventListener("beforeunload", (e) => {
    if (S.dirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  $("#upload").addEventListener("change", (e) => e.target.files[0] && upload(e.target.files[0]));
  document.querySelectorAll("button.download").forEach((b) => b.addEventListener("click", () => download(b.dataset.format)));
  if (info.new) {
    // the file named on the command line does not exist yet: start it from the kind's starter
    await newFromStarter($("#starter-kind").value);
    S.name = info.new;
    $("#name").value = info.new;
    status(`${info.new} 还不存在：已从模板新建，填好后点“保存”`);
  } else if (info.first) await openFile(info.first);
  else if (info.files.length) await openFile(info.files[0]);
  else await newFromStarter($("#starter-kind").value);
}

start().catch((e) => status(`页面启动失败：${e.message}`, true));
