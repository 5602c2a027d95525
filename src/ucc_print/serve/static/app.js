// The live preview: the state at each server-sent event, drawn in place (the scroll position stays;
// a file whose pages did not change is left as it is, its images untouched).
"use strict";

let shown = -1;
let run = null;  // the server's run: after a restart, versions count from the start again
let webSignature = null;
const blocks = new Map();  // file name -> [signature, element]

function element(name, attributes = {}, ...children) {
  const made = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  for (const child of children) made.append(child);
  return made;
}

function kb(size) { return size >= 1048576 ? (size / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(size / 1024)) + " KB"; }

function fileBlock(file) {
  const link = element("a", {href: "/output/" + file.name.split("/").map(encodeURIComponent).join("/")}, file.name);
  const heading = element("h3", {}, link, `　${file.described}、${kb(file.size)}`);
  if (file.verdict) {
    heading.append("　", element("span", {class: "verdict" + (file.verdict.startsWith("preflight passed") ? "" : " failed")},
                                 file.verdict));
  }
  const block = element("div", {class: "file", "data-file": file.name}, heading);
  if (file.pages.length) {
    const list = element("ul", {class: "pages"});
    file.pages.forEach((key, index) => list.append(element("li", {}, element("img", {
      src: `/page/${key}.png`, alt: `${file.name} ${index + 1}ページ`, loading: "lazy"}))));
    block.append(list);
  }
  return block;
}

function drawOutputs(state) {
  const container = document.getElementById("outputs");
  const wanted = new Set();
  let previous = null;
  for (const output of state.outputs) {
    let section = document.getElementById("output-" + output.name);
    if (!section) {
      section = element("section", {class: "output", id: "output-" + output.name, "aria-labelledby": "h-" + output.name},
                        element("h2", {id: "h-" + output.name}, `${output.title}（${output.name}）`));
    }
    container.insertBefore(section, previous ? previous.nextSibling : container.firstChild);
    previous = section;
    wanted.add(section.id);
    const names = new Set(output.files.map(file => file.name));
    for (const child of [...section.querySelectorAll(".file")]) {
      if (!names.has(child.dataset.file)) { child.remove(); blocks.delete(child.dataset.file); }
    }
    let last = section.querySelector("h2");
    for (const file of output.files) {
      const signature = JSON.stringify(file);
      let [known, block] = blocks.get(file.name) || [null, null];
      if (known !== signature) {
        const fresh = fileBlock(file);
        if (block) block.replaceWith(fresh);
        block = fresh;
        blocks.set(file.name, [signature, block]);
      }
      last.after(block);
      last = block;
    }
  }
  for (const section of [...container.querySelectorAll("section.output")]) {
    if (!wanted.has(section.id)) section.remove();
  }
  let web = document.getElementById("web-edition");
  const signature = JSON.stringify(state.outputs.filter(output => output.name === "web"));
  const webChanged = signature !== webSignature;
  webSignature = signature;
  if (state.web && !web) {
    web = element("section", {class: "output", id: "web-edition", "aria-labelledby": "h-web-edition"},
                  element("h2", {id: "h-web-edition"}, "ウェブ版の見え方"),
                  element("iframe", {class: "web", src: "/output/web/index.html", title: "ウェブ版（index.html）"}));
    container.append(web);
  } else if (web && state.web) {
    if (webChanged) web.querySelector("iframe").contentWindow.location.reload();  // else its scroll stays
    container.append(web);
  } else if (web) {
    web.remove();
  }
}

function draw(state) {
  const status = document.getElementById("status");
  status.className = state.status;
  status.textContent = {
    starting: "準備しています…", building: "作っています…",
    done: `できました（${state.milliseconds} ms）`, failed: `内容に問題があります（${state.problems.length || 1}件）`,
  }[state.status] || state.status;
  const problems = document.getElementById("problems");
  problems.hidden = state.status !== "failed";
  const list = document.getElementById("problem-list");
  list.replaceChildren(...state.problems.map(problem => element("li", {},
    // worded as the terminal words it: file, line, field, expected, found, hint
    element("span", {class: "where"}, problem.file + (problem.line ? `, line ${problem.line}` : "") +
      (problem.field ? `: ${problem.field}` : "")),
    element("br"), `expected ${problem.expected}`, element("br"), `found ${problem.found}`,
    ...(problem.hint ? [element("br"), element("span", {class: "hint"}, `hint: ${problem.hint}`)] : []))));
  const error = document.getElementById("error");
  error.hidden = !state.error;
  error.textContent = state.error || "";
  const warnings = document.getElementById("warnings");
  warnings.hidden = !state.warnings.length;
  document.getElementById("warning-count").textContent = state.warnings.length;
  document.getElementById("warning-list").replaceChildren(...state.warnings.map(text => element("li", {}, text)));
  document.getElementById("outputs").hidden = state.status === "failed";
  if (state.status !== "building" && state.status !== "failed") drawOutputs(state);
}

async function refresh() {
  const response = await fetch("/state", {cache: "no-store"});
  const state = await response.json();
  if (state.run !== run) { run = state.run; shown = -1; }
  if (state.version <= shown) return;  // an answer overtaken by a newer one
  shown = state.version;
  draw(state);
  document.body.dataset.version = String(state.version);
  document.body.dataset.status = state.status;
}

new EventSource("/events").onmessage = () => refresh().catch(() => {});
refresh().catch(() => {});
