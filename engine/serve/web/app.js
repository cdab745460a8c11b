// The subsidie web page: a form built from the profile schema, its results, and the profile as YAML.
//
// The form is generated from /schema/profile.schema.json: its questions come from the schema's
// x-question texts and its choices from x-enum-labels, in the chosen language. Submitting posts the
// profile as JSON to /report, which answers with the adviser's report as an HTML fragment (the same report as
// `subsidie evaluate --format html`, every text escaped by the server) and, for "copy for e-mail", as plain text;
// a 422 answer's diagnostics are shown next to the field they name. Every text the page writes itself is put in
// with textContent, never as HTML.
"use strict";

(() => {
  const UI = {
    nl: {
      intro: "Vul in wat je weet over je onderneming en je projecten. Wat je niet weet, laat je leeg: " +
        "het resultaat zegt dan welke gegevens nog nodig zijn.",
      company: "Je onderneming", aid_received: "Steun die je al kreeg", projects: "Je projecten",
      evaluate: "Bekijk mijn subsidies", download: "Download het profiel (YAML)", add: "Toevoegen",
      remove: "Verwijderen", choose: "— kies —", unknown: "weet ik niet", yes: "ja", no: "nee",
      byDefault: "weet ik niet (dan: {value})", required: "verplicht",
      result: "Resultaat", copy: "Kopieer voor e-mail", print: "Afdrukken", copied: "Gekopieerd: plak het in je e-mail.",
      problems: "Het profiel heeft {n} fout(en); ze staan bij de velden.", busy: "Even geduld…",
      failed: "De server gaf een fout: {message}", offline: "De server is niet bereikbaar.",
      footer: "Je gegevens blijven op deze computer: de pagina spreekt alleen met de subsidie-server die je zelf " +
        "startte. Het YAML-bestand lees je in met: subsidie evaluate profile.yaml",
    },
    en: {
      intro: "Fill in what you know about your company and your projects. Leave empty what you do not know: " +
        "the result then says which facts are still needed.",
      company: "Your company", aid_received: "Aid you already received", projects: "Your projects",
      evaluate: "Show my subsidies", download: "Download the profile (YAML)", add: "Add", remove: "Remove",
      choose: "— choose —", unknown: "I don't know", yes: "yes", no: "no",
      byDefault: "I don't know (then: {value})", required: "required",
      result: "Result", copy: "Copy for e-mail", print: "Print", copied: "Copied: paste it into your e-mail.",
      problems: "The profile has {n} error(s); they are shown at the fields.", busy: "One moment…",
      failed: "The server reported an error: {message}", offline: "The server cannot be reached.",
      footer: "Your facts stay on this computer: the page only talks to the subsidie server you started yourself. " +
        "Read the YAML file with: subsidie evaluate profile.yaml",
    },
  };
  const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;  // a JSON number; anything else goes as text

  const params = new URLSearchParams(window.location.search);
  const state = {
    lang: ["nl", "en"].includes(params.get("lang")) ? params.get("lang")
      : ((navigator.language || "en").toLowerCase().startsWith("nl") ? "nl" : "en"),
    schema: null,
    model: {company: {}, aid_received: [], projects: [{}]},
    shown: false,
  };

  const $ = (id) => document.getElementById(id);
  const t = (key) => UI[state.lang][key];
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  // ---- the schema ----

  function lookup(ref) {
    let node = state.schema;
    for (const part of ref.replace(/^#\//, "").split("/")) node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    return node;
  }

  function resolve(node) {
    while (node && node.$ref) {
      const rest = Object.assign({}, node);
      delete rest.$ref;
      node = Object.assign({}, lookup(node.$ref), rest);
    }
    return node || {};
  }

  function question(node, key) {
    const texts = node["x-question"];
    return texts && texts[state.lang] ? texts[state.lang] : key.replace(/_/g, " ");
  }

  function pathText(path) {
    let text = "";
    for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? "." : "") + part;
    return text;
  }

  const isObject = (node) => node.type === "object";
  const isArray = (node) => node.type === "array" && isObject(resolve(node.items));

  // ---- the form ----

  function renderForm() {
    const box = $("form-fields");
    box.replaceChildren();
    const root = state.schema;
    const company = el("fieldset", {class: "section", "data-path": "company"}, el("legend", {text: t("company")}));
    renderObject(resolve(root.properties.company), state.model, "company", ["company"], company);
    company.append(problemSlot(["company"]));
    box.append(company);
    for (const key of ["aid_received", "projects"]) {
      const section = el("fieldset", {class: "section", id: `section-${key}`}, el("legend", {text: t(key)}));
      renderArray(root.properties[key], state.model, key, [key], section);
      box.append(section);
    }
  }

  function renderObject(node, parent, key, path, box) {
    const value = parent[key] = parent[key] || {};
    const required = node.required || [];
    const later = [];
    for (const [name, raw] of Object.entries(node.properties || {})) {
      if (name === "$schema") continue;
      const sub = resolve(raw);
      if (isObject(sub)) later.push(() => renderNested(raw, sub, value, name, path.concat(name), box));
      else if (isArray(sub)) later.push(() => renderArray(raw, value, name, path.concat(name), box));
      else box.append(renderField(raw, sub, value, name, path.concat(name), required.includes(name)));
    }
    later.forEach((render) => render());
    return value;
  }

  function renderNested(raw, node, parent, key, path, box) {
    const details = el("details", {class: "nested", "data-path": pathText(path)},
      el("summary", {text: question(raw, key)}));
    if (parent[key] && Object.values(parent[key]).some((v) => v !== "")) details.open = true;
    const inner = el("div", {class: "group"});
    renderObject(node, parent, key, path, inner);
    details.append(inner, problemSlot(path));
    box.append(details);
  }

  function renderArray(raw, parent, key, path, box) {
    const node = resolve(raw);
    const items = parent[key] = parent[key] || [];
    const minimum = node.minItems || 0;
    while (items.length < minimum) items.push({});
    const group = el("div", {class: "array", "data-path": pathText(path)});
    const itemNode = resolve(node.items);
    items.forEach((item, index) => {
      const card = el("fieldset", {class: "item", "data-path": pathText(path.concat(index))});
      const label = raw["x-item-label"] || node["x-item-label"];
      const number = label && label[state.lang] ? fill(label[state.lang], {n: index + 1}) : `${index + 1}.`;
      const name = item.id ? `${number}: ${item.id}` : number;
      const legend = el("legend", {text: name});
      card.append(legend);
      if (items.length > minimum) {
        const remove = el("button", {type: "button", class: "remove", text: t("remove"),
          "aria-label": `${t("remove")} ${name}`, "data-remove": pathText(path.concat(index))});
        remove.addEventListener("click", () => { items.splice(index, 1); renderForm(); });
        legend.append(" ", remove);
      }
      renderObject(itemNode, items, index, path.concat(index), card);
      card.append(problemSlot(path.concat(index)));
      group.append(card);
    });
    const texts = raw[items.length ? "x-question-another" : "x-question"] || raw["x-question"];
    const ask = el("p", {class: "ask", text: texts ? texts[state.lang] : question(raw, key)});
    const add = el("button", {type: "button", class: "add", text: t("add"), "data-add": pathText(path)});
    add.addEventListener("click", () => { items.push({}); renderForm(); focusLast(path, items.length - 1); });
    group.append(el("div", {class: "add-row"}, ask, add), problemSlot(path));
    box.append(group);
  }

  function focusLast(path, index) {
    const card = document.querySelector(`[data-path="${CSS.escape(pathText(path.concat(index)))}"]`);
    const first = card && card.querySelector("input, select");
    if (first) first.focus();
  }

  function problemSlot(path) {
    return el("div", {class: "problem", id: `problem-${pathText(path)}`, role: "alert", hidden: true});
  }

  function renderField(raw, node, parent, key, path, required) {
    const name = pathText(path);
    const id = `field-${name}`;
    const label = el("label", {for: id, text: question(raw, key)});
    if (required) label.append(" ", el("span", {class: "required", text: `(${t("required")})`}));
    const field = el("div", {class: "field", "data-path": name}, label);
    const hasQuestion = Boolean((raw["x-question"] || node["x-question"] || {})[state.lang]);
    const description = raw.description || node.description;
    if (description && !hasQuestion) {  // the schema's own description, until the field has a question
      field.append(el("p", {class: "help", id: `help-${name}`, lang: "en", text: description}));
    }
    let control;
    const current = parent[key] === undefined ? "" : parent[key];
    if (node.enum || node.type === "boolean") {
      control = el("select", {id, name});
      let options;
      if (node.type === "boolean") {
        const fallback = "default" in node ? fill(t("byDefault"), {value: node.default ? t("yes") : t("no")}) : t("unknown");
        options = [["", fallback], ["true", t("yes")], ["false", t("no")]];
      } else {
        const labels = raw["x-enum-labels"] || node["x-enum-labels"] || {};
        options = [["", t("choose")]].concat(node.enum.map((v) => [v, labels[v] ? labels[v][state.lang] : v]));
      }
      for (const [value, text] of options) control.append(el("option", {value, text}));
    } else if (node.format === "date") {
      control = el("input", {id, name, type: "date"});
    } else if (node.type === "number" || node.type === "integer") {
      control = el("input", {id, name, type: "text", inputmode: node.type === "integer" ? "numeric" : "decimal",
        autocomplete: "off"});
    } else {
      control = el("input", {id, name, type: "text", maxlength: node.maxLength, autocomplete: "off"});
    }
    control.value = current;
    if (description && field.querySelector(".help")) control.setAttribute("aria-describedby", `help-${name}`);
    control.addEventListener(control.tagName === "SELECT" ? "change" : "input", () => {
      parent[key] = control.value;
      clearProblem(field, control);
    });
    field.append(control, problemSlot(path));
    return field;
  }

  function clearProblem(field, control) {
    const slot = field.querySelector(".problem");
    slot.replaceChildren();
    slot.hidden = true;
    field.classList.remove("invalid");
    control.removeAttribute("aria-invalid");
  }

  // ---- the profile as JSON: numbers as typed, empty answers left out (unknown) ----

  function serialize(value, node) {
    node = resolve(node);
    if (isArray(node) || node.type === "array") {
      const items = (value || []).map((item) => serialize(item, node.items)).map((text) => text === null ? "{}" : text);
      return items.length || (node.minItems || 0) > 0 ? `[${items.join(",")}]` : null;
    }
    if (isObject(node) || (node.properties && !node.type)) {
      const parts = [];
      const required = node.required || [];
      for (const [key, sub] of Object.entries(node.properties || {})) {
        if (!value || value[key] === undefined) continue;
        let text = serialize(value[key], sub);
        if (text === null && required.includes(key) && typeof value[key] === "object") {
          text = Array.isArray(value[key]) ? "[]" : "{}";  // say it is empty rather than leave it out
        }
        if (text !== null) parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return parts.length ? `{${parts.join(",")}}` : null;
    }
    const text = String(value).trim();
    if (text === "") return null;
    if (node.type === "boolean" && (text === "true" || text === "false")) return text;
    if ((node.type === "number" || node.type === "integer") && NUMBER.test(text)) return text;
    return JSON.stringify(text);
  }

  function profileJson() {
    return serialize(state.model, state.schema) || "{}";
  }

  // ---- talking to the server ----

  async function post(url, accept) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "Accept": accept},
      body: profileJson()});
  }

  function showProblems(diagnostics) {
    let first = null;
    const general = $("form-problems");
    general.replaceChildren(el("p", {text: fill(t("problems"), {n: diagnostics.length})}));
    for (const d of diagnostics) {
      const text = el("p", {text: d.message});
      if (d.hint) text.append(el("span", {class: "hint", text: d.hint}));
      let path = d.path === null || d.path === undefined ? "" : d.path;
      let target = null;
      while (path && !target) {
        target = document.querySelector(`[data-path="${CSS.escape(path)}"] > .problem, ` +
          `[id="problem-${CSS.escape(path)}"]`);
        if (!target) {
          const shorter = path.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
          path = shorter === path ? "" : shorter;
        }
      }
      if (!target) { general.append(text); continue; }
      target.append(text);
      target.hidden = false;
      const field = target.closest(".field, .item, .nested, .array");
      if (field) field.classList.add("invalid");
      for (let open = target.closest("details"); open; open = open.parentElement.closest("details")) open.open = true;
      const control = field && field.classList.contains("field") ? field.querySelector("input, select") : null;
      if (control) control.setAttribute("aria-invalid", "true");
      first = first || control || target;
    }
    if (first) first.focus();
  }

  function clearProblems() {
    $("form-problems").replaceChildren();
    document.querySelectorAll(".problem").forEach((slot) => { slot.replaceChildren(); slot.hidden = true; });
    document.querySelectorAll(".invalid").forEach((node) => node.classList.remove("invalid"));
    document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  }

  async function answer(response) {
    if (response.status === 422) {
      const body = await response.json();
      if (body.diagnostics && body.diagnostics.length) showProblems(body.diagnostics);
      else $("form-problems").replaceChildren(el("p", {text: fill(t("failed"), {message: body.error})}));
      return null;
    }
    if (!response.ok) {
      let message = `${response.status}`;
      try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
      $("form-problems").replaceChildren(el("p", {text: fill(t("failed"), {message})}));
      return null;
    }
    return response;
  }

  async function evaluate() {
    clearProblems();
    const results = $("results");
    results.replaceChildren(el("p", {class: "busy", text: t("busy")}));
    let response, mail;
    try {
      response = await answer(await post(`/report?lang=${state.lang}`, "text/html"));
      mail = response && await (await post(`/report?lang=${state.lang}&format=text`, "text/plain")).text();
    } catch (e) {
      $("form-problems").replaceChildren(el("p", {text: t("offline")}));
    }
    if (!response) { results.replaceChildren(); state.shown = false; return; }
    renderResults(await response.text(), mail);
    state.shown = true;
    results.scrollIntoView({behavior: "smooth", block: "start"});
  }

  async function download() {
    clearProblems();
    let response;
    try {
      response = await answer(await post("/profile.yaml", "application/yaml"));
    } catch (e) {
      $("form-problems").replaceChildren(el("p", {text: t("offline")}));
    }
    if (!response) return;
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", {href: url, download: "profile.yaml", hidden: true});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ---- the results: the adviser's report, rendered by the server (POST /report), as `evaluate --format html` ----

  function fieldOf(path) {  // the control of the form's field for a profile path (its data-path)
    const field = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
    return field && (field.matches("input, select, textarea") ? field : field.querySelector("input, select, textarea"));
  }

  function renderResults(html, mailText) {
    const results = $("results");
    const parsed = new DOMParser().parseFromString(html, "text/html");  // server-escaped; scripts stay inert
    const copy = el("button", {type: "button", id: "copy-mail", text: t("copy")});
    const print = el("button", {type: "button", id: "print-report", text: t("print")});
    const said = el("span", {id: "copy-status", role: "status"});
    copy.addEventListener("click", () => copyForMail(mailText, said));
    print.addEventListener("click", () => window.print());
    results.replaceChildren(el("h2", {class: "result-heading", text: t("result")}),
      el("div", {class: "report-actions"}, copy, print, said), ...parsed.body.childNodes);
    for (const item of results.querySelectorAll(".report-questions li[data-path]")) {
      const field = fieldOf(item.dataset.path);
      if (!field) continue;
      const link = el("a", {href: `#${field.id}`, text: item.textContent});
      link.addEventListener("click", (event) => { event.preventDefault(); field.focus(); });
      item.replaceChildren(link);
    }
  }

  async function copyForMail(text, said) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {  // no clipboard API (an insecure origin): the old way
      const area = el("textarea", {class: "copy-area", "aria-hidden": "true"});
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    said.textContent = t("copied");
    document.body.dataset.copied = "true";
  }

  // ---- the page ----

  function renderTexts() {
    document.documentElement.lang = state.lang;
    $("intro").textContent = t("intro");
    $("evaluate").textContent = t("evaluate");
    $("download").textContent = t("download");
    $("footer").textContent = t("footer");
    for (const button of document.querySelectorAll(".lang button")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    }
  }

  function setLanguage(lang) {
    state.lang = lang;
    renderTexts();
    renderForm();
    if (state.shown) evaluate();
  }

  async function start() {
    renderTexts();
    for (const button of document.querySelectorAll(".lang button")) {
      button.addEventListener("click", () => setLanguage(button.dataset.lang));
    }
    $("profile-form").addEventListener("submit", (event) => { event.preventDefault(); evaluate(); });
    $("download").addEventListener("click", download);
    try {
      const response = await fetch("/schema/profile.schema.json");
      state.schema = await response.json();
    } catch (e) {
      $("form-fields").replaceChildren(el("p", {class: "problem", text: t("offline")}));
      return;
    }
    renderForm();
    document.body.dataset.ready = "true";
  }

  start();
})();
