// The subsidie web page: a form built from the profile schema, its results, and the profile as YAML.
//
// The form is generated from /schema/profile.schema.json: its questions come from the schema's
// x-question texts and its choices from x-enum-labels, in the chosen language. A project is asked only the
// questions that can matter for its kind (/project-fields, worked out from the rules by the server), and the
// fields of another kind only when they hold a value. Amounts and dates are typed as the page's language
// writes them and read by read.js (the rules of `subsidie ask`), which shows the value read next to the field
// or why it cannot be read; the page sends exact numbers and ISO dates. Submitting posts the profile as JSON
// to /report?format=json, once; every problem, the page's own and the 422 answer's diagnostics (in the page's
// language), is shown at once next to the field it names. The result is the adviser's report of that answer (an
// HTML fragment, the same report as `subsidie evaluate --format html`, every text escaped by the server) with
// "copy for e-mail" (the same answer's report as text) and "print". The answers are kept in sessionStorage (a reload or the Back
// button keeps them; a new tab starts empty), and a profile file can be opened (/profile.json reads it).
// Every text the page writes itself is put in with textContent, never as HTML.
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
  const FORM_UI = {
    nl: {
      open: "Open een profiel (YAML of JSON)", clear: "Begin opnieuw",
      clearConfirm: "Alle antwoorden wissen en opnieuw beginnen?", opened: "Geopend: {name}.",
      openFailed: "{name} kon niet worden geopend: {message}",
      unreadable: "{name} kon niet worden gelezen; wat er mis is, staat hieronder.", required: "Vul dit in: het is verplicht.",
      at: "regel {line}, kolom {column}: {message}", chooseKind: "Kies eerst wat voor project het is: dan " +
        "verschijnen de vragen die voor dat soort project tellen.",
      notAsked: "Telt niet mee voor dit soort project; wis het als het hier niet hoort.",
      assumed: "Geen aanvraagdatum ingevuld voor {projects}: het resultaat gaat uit van vandaag, {date}. Bedragen " +
        "en voorwaarden hangen af van die datum; vul hem in als je een andere bedoelt.",
      project: "project {names}", projects: "de projecten {names}",
    },
    en: {
      open: "Open a profile (YAML or JSON)", clear: "Start over",
      clearConfirm: "Clear every answer and start over?", opened: "Opened: {name}.",
      openFailed: "{name} could not be opened: {message}",
      unreadable: "{name} could not be read; what is wrong is said below.", required: "Fill this in: it is required.",
      at: "line {line}, column {column}: {message}", chooseKind: "First choose what kind of project it is: then " +
        "the questions that count for that kind of project appear.",
      notAsked: "Does not count for this kind of project; clear it if it does not belong here.",
      assumed: "No application date given for {projects}: the result assumes today, {date}. Amounts and " +
        "conditions depend on that date; fill it in if you mean another one.",
      project: "project {names}", projects: "the projects {names}",
    },
  };
  const STORAGE = "subsidie-form";  // sessionStorage: {version, lang, model, shown}
  const READ = window.SubsidieRead;

  const params = new URLSearchParams(window.location.search);
  const state = {
    lang: ["nl", "en"].includes(params.get("lang")) ? params.get("lang")
      : ((navigator.language || "en").toLowerCase().startsWith("nl") ? "nl" : "en"),
    schema: null,
    fields: null,  // GET /project-fields: per project kind, the fields that can matter
    model: {company: {}, aid_received: [], projects: [{}]},
    shown: false,
    problems: [],  // the problems shown, {path, message, hint}, shown again when the form is drawn anew
  };

  const $ = (id) => document.getElementById(id);
  const t = (key) => UI[state.lang][key];
  const f = (key) => FORM_UI[state.lang][key];
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

  // ---- what a project of a kind is asked ----

  const hasValue = (value) => value !== undefined && value !== null && (typeof value === "object"
    ? Object.values(value).some(hasValue) : String(value).trim() !== "");

  // The fields (paths inside a project) a project of `kind` is asked; without a kind, those every kind asks;
  // null when the server's mapping is not there (then everything is asked).
  function askedFields(kind) {
    const kinds = state.fields && state.fields.kinds;
    if (!kinds) return null;
    if (kinds[kind]) return kinds[kind].fields;
    const lists = Object.values(kinds).map((entry) => entry.fields);
    return lists.length ? lists[0].filter((field) => lists.every((list) => list.includes(field))) : null;
  }

  // Whether a field (or group) of a project is shown, and whether it is one its kind does not ask.
  function projectField(project, inside, value) {
    const asked = askedFields(project.kind);
    const wanted = !asked || asked.some((field) => field === inside || field.startsWith(inside + "."));
    return {shown: wanted || hasValue(value), foreign: !wanted && Boolean(project.kind)};
  }

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
    placeProblems(false);
  }

  // `project`: inside a project, {item, inside} (the project and the path within it), to ask only its kind's fields
  function renderObject(node, parent, key, path, box, project) {
    const value = parent[key] = parent[key] || {};
    const required = node.required || [];
    const later = [];
    for (const [name, raw] of Object.entries(node.properties || {})) {
      if (name === "$schema") continue;
      const sub = resolve(raw);
      const inner = project ? {item: project.item, inside: project.inside ? `${project.inside}.${name}` : name} : null;
      const which = inner ? projectField(inner.item, inner.inside, value[name]) : {shown: true, foreign: false};
      if (!which.shown) continue;
      if (isObject(sub)) later.push(() => renderNested(raw, sub, value, name, path.concat(name), box, inner));
      else if (isArray(sub)) later.push(() => renderArray(raw, value, name, path.concat(name), box));
      else box.append(renderField(raw, sub, value, name, path.concat(name), required.includes(name), which.foreign));
    }
    later.forEach((render) => render());
    return value;
  }

  function renderNested(raw, node, parent, key, path, box, project) {
    const details = el("details", {class: "nested", "data-path": pathText(path)},
      el("summary", {text: question(raw, key)}));
    if (parent[key] && Object.values(parent[key]).some((v) => v !== "")) details.open = true;
    const inner = el("div", {class: "group"});
    renderObject(node, parent, key, path, inner, project);
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
    const projects = path.length === 1 && path[0] === "projects";
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
        remove.addEventListener("click", () => { items.splice(index, 1); state.problems = []; changed(); renderForm(); });
        legend.append(" ", remove);
      }
      renderObject(itemNode, items, index, path.concat(index), card, projects ? {item, inside: ""} : null);
      const kind = projects && !item.kind && state.fields &&
        card.querySelector(`.field[data-path="${CSS.escape(pathText(path.concat(index, "kind")))}"]`);
      if (kind) kind.after(el("p", {class: "help choose-kind", text: f("chooseKind")}));  // then its questions
      card.append(problemSlot(path.concat(index)));
      group.append(card);
    });
    const texts = raw[items.length ? "x-question-another" : "x-question"] || raw["x-question"];
    const ask = el("p", {class: "ask", text: texts ? texts[state.lang] : question(raw, key)});
    const add = el("button", {type: "button", class: "add", text: t("add"), "data-add": pathText(path)});
    add.addEventListener("click", () => { items.push({}); changed(); renderForm(); focusLast(path, items.length - 1); });
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

  // What a leaf field holds: "money" (the schema's money), "number", "date", "choice" or "text".
  function fieldKind(raw, node) {
    if (node.enum || node.type === "boolean") return "choice";
    if (node.format === "date") return "date";
    if (raw.$ref === "#/$defs/money") return "money";
    return node.type === "number" || node.type === "integer" ? "number" : "text";
  }

  // The value of a typed text: {value} (digits or an ISO date), {error, hint}, or null when empty.
  function readText(kind, node, text, lang) {
    if (String(text).trim() === "") return null;
    if (kind === "date") return READ.date(String(text), lang || state.lang);
    if (kind === "money" || kind === "number") return READ.number(String(text), lang || state.lang, node);
    return {value: String(text).trim()};
  }

  function renderField(raw, node, parent, key, path, required, foreign) {
    const name = pathText(path);
    const id = `field-${name}`;
    const kind = fieldKind(raw, node);
    const label = el("label", {for: id, text: question(raw, key)});
    if (required) label.append(" ", el("span", {class: "required", text: `(${t("required")})`}));
    const field = el("div", {class: "field", "data-path": name, "data-kind": kind}, label);
    const hasQuestion = Boolean((raw["x-question"] || node["x-question"] || {})[state.lang]);
    const description = raw.description || node.description;
    const described = [];
    if (description && !hasQuestion) {  // the schema's own description, until the field has a question
      field.append(el("p", {class: "help", id: `help-${name}`, lang: "en", text: description}));
      described.push(`help-${name}`);
    }
    if (foreign) {
      field.classList.add("foreign");
      field.append(el("p", {class: "help not-asked", id: `not-asked-${name}`, text: f("notAsked")}));
      described.push(`not-asked-${name}`);
    }
    let control;
    const current = parent[key] === undefined ? "" : parent[key];
    if (kind === "choice") {
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
    } else if (kind === "date") {
      control = el("input", {id, name, type: "text", inputmode: "numeric", autocomplete: "off",
        placeholder: READ.pattern(state.lang), "data-pattern": READ.pattern(state.lang)});
    } else if (kind === "money" || kind === "number") {
      control = el("input", {id, name, type: "text", inputmode: node.type === "integer" ? "numeric" : "decimal",
        autocomplete: "off"});
    } else {
      control = el("input", {id, name, type: "text", maxlength: node.maxLength, autocomplete: "off"});
    }
    control.value = current;
    const read = el("p", {class: "read", id: `read-${name}`, "aria-live": "polite", hidden: true});
    described.push(`read-${name}`);
    control.setAttribute("aria-describedby", described.join(" "));
    const check = (final) => {
      const result = readText(kind, node, control.value);
      if (result && result.error) {
        showRead(read, null);
        if (final) setProblem(name, {path: name, message: result.error, hint: result.hint});
        return;
      }
      showRead(read, result && kind !== "text" && kind !== "choice" ? shownValue(kind, control.value, result.value) : null);
      clearProblem(field, control);
    };
    if (kind === "choice") {
      control.addEventListener("change", () => {
        parent[key] = control.value;
        clearProblem(field, control);
        changed();
        if (path.length === 3 && path[0] === "projects" && key === "kind") {  // ask what this kind asks
          renderForm();
          $(id).focus();
        }
      });
    } else {
      control.addEventListener("input", () => { parent[key] = control.value; check(false); changed(); });
      control.addEventListener("blur", (event) => {  // leaving the field: say why it cannot be read
        const to = event.relatedTarget;
        if (to && to.closest(".actions")) return;  // on the way to a button that checks every field anyway
        check(true);
      });
    }
    field.append(control, read, problemSlot(path));
    const first = readText(kind, node, current);
    if (first && !first.error && kind !== "text" && kind !== "choice") {
      showRead(read, shownValue(kind, current, first.value));
    }
    return field;
  }

  // "= EUR 12.000,00" for an amount, "= 1 maart 2026" for a date; a number only when it was not typed plainly.
  function shownValue(kind, typed, value) {
    if (kind === "date") return `= ${READ.dateWords(value, state.lang)}`;
    if (kind === "number" && String(typed).trim() === READ.numberField(value, state.lang)) return null;
    return `= ${READ.numberWords(value, state.lang, kind === "money")}`;
  }

  function showRead(read, text) {
    read.textContent = text || "";
    read.hidden = !text;
  }

  function clearProblem(field, control) {
    const slot = field.querySelector(".problem");
    slot.replaceChildren();
    slot.hidden = true;
    field.classList.remove("invalid");
    control.removeAttribute("aria-invalid");
    state.problems = state.problems.filter((problem) => problem.path !== field.dataset.path);
  }

  // ---- keeping the answers: sessionStorage, for a reload and the Back button ----

  function changed() {
    try {
      sessionStorage.setItem(STORAGE, JSON.stringify({version: 1, lang: state.lang, model: state.model,
        shown: state.shown}));
    } catch (e) { /* storage full or switched off: the page still works, it only forgets */ }
  }

  function restore() {
    let kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(STORAGE) || "null"); } catch (e) { kept = null; }
    const model = kept && kept.version === 1 && kept.model;
    const plainObject = (value) => value && typeof value === "object" && !Array.isArray(value);
    if (!plainObject(model) || !plainObject(model.company) || !Array.isArray(model.projects) ||
        !Array.isArray(model.aid_received || [])) return false;
    state.model = model;
    if (kept.lang !== state.lang && (kept.lang === "nl" || kept.lang === "en")) retype(kept.lang, state.lang);
    return Boolean(kept.shown);
  }

  function startOver() {
    if (!window.confirm(f("clearConfirm"))) return;
    state.model = {company: {}, aid_received: [], projects: [{}]};
    state.shown = false;
    state.problems = [];
    try { sessionStorage.removeItem(STORAGE); } catch (e) { /* nothing kept */ }
    $("results").replaceChildren();
    $("form-problems").replaceChildren();
    $("form-status").textContent = "";
    renderForm();
  }

  // Every amount and date typed in one language, written as the other writes it (a text that cannot be read
  // stays as it is, and is refused in the new language too).
  function retype(from, to) {
    const walk = (value, raw) => {
      const node = resolve(raw);
      if (isArray(node)) { (Array.isArray(value) ? value : []).forEach((item) => walk(item, node.items)); return; }
      if (!isObject(node) || !value || typeof value !== "object") return;
      for (const [key, sub] of Object.entries(node.properties || {})) {
        const leaf = resolve(sub);
        if (isObject(leaf) || isArray(leaf)) { walk(value[key], sub); continue; }
        const kind = fieldKind(sub, leaf);
        if (kind === "choice" || kind === "text" || value[key] === undefined) continue;
        const result = readText(kind, leaf, value[key], from);
        if (!result || result.error) continue;
        value[key] = kind === "date" ? READ.dateField(result.value, to) : READ.numberField(result.value, to);
      }
    };
    walk(state.model, {type: "object", properties: state.schema.properties});
  }

  // ---- opening a profile file ----

  // The form's answers for a profile as JSON: amounts and dates written as the page's language writes them.
  function answersOf(value, raw) {
    const node = resolve(raw);
    if (isArray(node)) return Array.isArray(value) ? value.map((item) => answersOf(item, node.items)) : [];
    if (isObject(node)) {
      const answers = {};
      if (!value || typeof value !== "object" || Array.isArray(value)) return answers;
      for (const [key, sub] of Object.entries(node.properties || {})) {
        if (key in value) answers[key] = answersOf(value[key], sub);
      }
      return answers;
    }
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return JSON.stringify(value);
    const kind = fieldKind(raw, node);
    if (kind === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !READ.date(value, state.lang).error) return READ.dateField(value, state.lang);
    if ((kind === "money" || kind === "number") && typeof value === "number") {
      return READ.numberField(String(value), state.lang);
    }
    return String(value);
  }

  async function openFile(file) {
    const status = $("form-status");
    clearProblems();
    let response, body = null;
    try {
      response = await fetch(`/profile.json?lang=${state.lang}`, {method: "POST", body: file,
        headers: {"Content-Type": /\.json$/i.test(file.name) ? "application/json" : "application/yaml",
          "Accept": "application/json"}});
      body = await response.json();
    } catch (e) {
      status.textContent = fill(f("openFailed"), {name: file.name, message: t("offline")});
      return;
    }
    if (!body || !("profile" in body)) {
      status.textContent = fill(f("openFailed"), {name: file.name, message: (body && body.error) || response.status});
      return;
    }
    if (body.profile && typeof body.profile === "object" && !Array.isArray(body.profile)) {
      state.model = Object.assign({company: {}, aid_received: [], projects: []},
        answersOf(body.profile, {type: "object", properties: state.schema.properties}));
      state.shown = false;
      state.problems = [];
      $("results").replaceChildren();
      renderForm();
      changed();
      status.textContent = fill(f("opened"), {name: file.name});
    } else {
      status.textContent = fill(f("unreadable"), {name: file.name});
    }
    if (body.diagnostics && body.diagnostics.length) showProblems(body.diagnostics, [], true);
  }

  // ---- the profile as JSON: amounts and dates as read, empty answers left out (unknown) ----

  // `problems` collects the answers that cannot be read ({path, message, hint}); they are left out.
  function serialize(value, raw, path, problems) {
    const node = resolve(raw);
    if (isArray(node) || node.type === "array") {
      const items = (value || []).map((item, index) => serialize(item, node.items, path.concat(index), problems))
        .map((text) => text === null ? "{}" : text);
      return items.length || (node.minItems || 0) > 0 ? `[${items.join(",")}]` : null;
    }
    if (isObject(node) || (node.properties && !node.type)) {
      const parts = [];
      const required = node.required || [];
      for (const [key, sub] of Object.entries(node.properties || {})) {
        if (!value || value[key] === undefined) continue;
        let text = serialize(value[key], sub, path.concat(key), problems);
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
    const kind = fieldKind(raw, node);
    if (kind === "choice" || kind === "text") return JSON.stringify(text);
    const result = readText(kind, node, text);
    if (result.error) {
      problems.push({path: pathText(path), message: result.error, hint: result.hint});
      return null;
    }
    return kind === "date" ? JSON.stringify(result.value) : result.value;  // a number's exact digits
  }

  function profileJson(problems) {
    return serialize(state.model, {type: "object", properties: state.schema.properties,
      required: state.schema.required}, [], problems) || "{}";
  }

  // ---- talking to the server ----

  async function post(url, accept, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "Accept": accept}, body});
  }

  // Every problem at once, each next to its field: the page's own (answers it cannot read) and the server's
  // diagnostics; a missing required answer is said at its field. `positions`: a diagnostic that names no
  // field says where it is in the file (for a file opened).
  function showProblems(diagnostics, local, positions) {
    const problems = local.slice();
    for (const d of diagnostics) {
      let path = d.path === null || d.path === undefined ? null : d.path;
      let message = d.message, hint = d.hint;
      if (d.code === "missing-key" && d.key && path !== null) {
        const missing = path ? `${path}.${d.key}` : d.key;
        if (document.querySelector(`.field[data-path="${CSS.escape(missing)}"]`)) {
          [path, message, hint] = [missing, f("required"), null];
        }
      }
      if (path === null && positions) message = fill(f("at"), {line: d.line, column: d.column, message});
      problems.push({path, message, hint});
    }
    state.problems = problems;
    $("form-problems").replaceChildren(el("p", {text: fill(t("problems"), {n: problems.length})}));
    placeProblems(true);
  }

  function setProblem(path, problem) {
    state.problems = state.problems.filter((p) => p.path !== path).concat([problem]);
    placeProblems(false);
  }

  // Show state.problems in their slots (the field's, else the nearest group's, else above the buttons).
  function placeProblems(focus) {
    const general = $("form-problems");
    general.querySelectorAll(".unplaced").forEach((node) => node.remove());
    document.querySelectorAll("#form-fields .problem").forEach((slot) => { slot.replaceChildren(); slot.hidden = true; });
    for (const problem of state.problems) {
      const text = el("p", {text: problem.message});
      if (problem.hint) text.append(el("span", {class: "hint", text: problem.hint}));
      let path = problem.path || "";
      let target = null;
      while (path && !target) {
        target = document.querySelector(`[data-path="${CSS.escape(path)}"] > .problem, ` +
          `[id="problem-${CSS.escape(path)}"]`);
        if (!target) {
          const shorter = path.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
          path = shorter === path ? "" : shorter;
        }
      }
      if (!target) { text.classList.add("unplaced"); general.append(text); continue; }
      target.append(text);
      target.hidden = false;
      const field = target.closest(".field, .item, .nested, .array");
      if (field) field.classList.add("invalid");
      for (let open = target.closest("details"); open; open = open.parentElement.closest("details")) open.open = true;
      const control = field && field.classList.contains("field") ? field.querySelector("input, select") : null;
      if (control) control.setAttribute("aria-invalid", "true");
    }
    if (!focus) return;
    const first = document.querySelector("[aria-invalid='true'], #form-fields .problem:not([hidden]), #form-problems");
    if (first) {
      if (!first.matches("input, select")) first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function clearProblems() {
    state.problems = [];
    $("form-problems").replaceChildren();
    document.querySelectorAll(".problem").forEach((slot) => { slot.replaceChildren(); slot.hidden = true; });
    document.querySelectorAll(".invalid").forEach((node) => node.classList.remove("invalid"));
    document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  }

  // The server's answer, or null when there is none to use (the problems are shown, with the page's own).
  async function answer(response, local) {
    if (response.status === 422) {
      const body = await response.json();
      if (body.diagnostics && (body.diagnostics.length || local.length)) showProblems(body.diagnostics, local);
      else $("form-problems").replaceChildren(el("p", {text: fill(t("failed"), {message: body.error})}));
      return null;
    }
    if (!response.ok) {
      let message = `${response.status}`;
      try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
      $("form-problems").replaceChildren(el("p", {text: fill(t("failed"), {message})}));
      return null;
    }
    if (local.length) { showProblems([], local); return null; }
    return response;
  }

  async function evaluate(scroll = true) {
    clearProblems();
    const results = $("results");
    results.replaceChildren(el("p", {class: "busy", text: t("busy")}));
    const local = [];
    const body = profileJson(local);
    let response, reports;
    try {  // one request: the report as HTML and as text, and the projects whose date was assumed
      response = await answer(await post(`/report?lang=${state.lang}&format=json`, "application/json", body), local);
      if (response) reports = await response.json();
    } catch (e) {
      $("form-problems").replaceChildren(el("p", {text: t("offline")}));
      response = null;
    }
    state.shown = Boolean(response);
    changed();
    if (!response) { results.replaceChildren(); return; }
    renderResults(reports.html, reports.text, reports);
    if (scroll) results.scrollIntoView({behavior: "smooth", block: "start"});
  }

  async function download() {
    clearProblems();
    const local = [];
    const body = profileJson(local);
    let response;
    try {
      response = await answer(await post(`/profile.yaml?lang=${state.lang}`, "application/yaml", body), local);
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

  // A line for the result: which projects were evaluated on today's date because none was given.
  function assumedNote(outcome) {
    const assumed = outcome.application_dates_assumed || [];
    if (!assumed.length) return null;
    const names = assumed.map((a) => `'${a.project}'`).join(", ");
    return el("p", {class: "assumed", role: "note", text: fill(f("assumed"), {
      projects: fill(f(assumed.length > 1 ? "projects" : "project"), {names}),
      date: READ.dateWords(assumed[0].date, state.lang)})});
  }

  // ---- the results: the adviser's report, rendered by the server (POST /report), as `evaluate --format html` ----

  function fieldOf(path) {  // the control of the form's field for a profile path (its data-path)
    const field = document.querySelector(`[data-path="${CSS.escape(path)}"]`);
    return field && (field.matches("input, select, textarea") ? field : field.querySelector("input, select, textarea"));
  }

  function renderResults(html, mailText, outcome) {
    const results = $("results");
    const parsed = new DOMParser().parseFromString(html, "text/html");  // server-escaped; scripts stay inert
    const copy = el("button", {type: "button", id: "copy-mail", text: t("copy")});
    const print = el("button", {type: "button", id: "print-report", text: t("print")});
    const said = el("span", {id: "copy-status", role: "status"});
    copy.addEventListener("click", () => copyForMail(mailText, said));
    print.addEventListener("click", () => window.print());
    results.replaceChildren(el("h2", {class: "result-heading", text: t("result")}),
      el("div", {class: "report-actions"}, copy, print, said));
    const assumed = assumedNote(outcome);  // the form's line: today was assumed as the application date
    if (assumed) results.append(assumed);
    results.append(...parsed.body.childNodes);
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
    $("open").textContent = f("open");
    $("clear").textContent = f("clear");
    $("footer").textContent = t("footer");
    for (const button of document.querySelectorAll(".lang button")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    }
  }

  function setLanguage(lang) {
    const again = state.shown || state.problems.length > 0;  // results or problems: say them in the new language
    if (state.schema) retype(state.lang, lang);
    state.lang = lang;
    const url = new URL(window.location.href);
    url.searchParams.set("lang", lang);
    window.history.replaceState(null, "", url);  // a reload keeps the language
    renderTexts();
    state.problems = [];
    $("form-problems").replaceChildren();
    $("form-status").textContent = "";
    if (!state.schema) return;
    renderForm();
    changed();
    if (again) evaluate(false);
  }

  async function start() {
    renderTexts();
    for (const button of document.querySelectorAll(".lang button")) {
      button.addEventListener("click", () => setLanguage(button.dataset.lang));
    }
    $("profile-form").addEventListener("submit", (event) => { event.preventDefault(); evaluate(); });
    $("download").addEventListener("click", download);
    $("open").addEventListener("click", () => $("open-file").click());
    $("open-file").addEventListener("change", () => {
      const file = $("open-file").files[0];
      $("open-file").value = "";
      if (file) openFile(file);
    });
    $("clear").addEventListener("click", startOver);
    try {
      const [schema, fields] = await Promise.all([fetch("/schema/profile.schema.json"),
        fetch("/project-fields").catch(() => null)]);
      state.schema = await schema.json();
      state.fields = fields && fields.ok ? await fields.json() : null;  // without it, every question is asked
    } catch (e) {
      $("form-fields").replaceChildren(el("p", {class: "problem", text: t("offline")}));
      return;
    }
    const shown = restore();
    renderForm();
    document.body.dataset.ready = "true";
    if (shown) evaluate(false);
  }

  start();
})();
