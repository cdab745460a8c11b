// Reading what a person types in the form: amounts and dates, in the page's language.
//
// Amounts follow the rules of `subsidie ask` (engine/ask/answers.py, parse_number), with the same reasons in
// the same words: '12 500', '€ 12.000,50', '1.800.000' and '2,5' are read; one group after the language's
// own thousands separator is thousands ('12.000' on the Dutch page, '12,000' on the English one), after the
// other mark it could be either and is refused with the reason. tests/fixtures/web/amounts.json holds the
// cases both implementations must read alike. Dates are written day first, as the page shows them
// (dd-mm-jjjj on the Dutch page, dd/mm/yyyy on the English one; YYYY-MM-DD is read too), whatever the
// browser's locale, and a day that does not exist is refused. A value read is an exact text: the digits of
// the number (sent as a JSON number, never through a float) or the ISO date.
"use strict";

window.SubsidieRead = (() => {
  const TEXTS = {
    nl: {
      expected: "verwacht {words}, maar gevonden: {value}", number: "een getal", whole: "een geheel getal",
      text: "de tekst '{value}'", aNumber: "het getal {value}",
      numberHint: "schrijf een getal met hoogstens één decimaalteken, bijvoorbeeld 12500 of 2,5",
      ambiguous: "'{text}' is dubbelzinnig: {whole} met een scheidingsteken voor duizendtallen, of {small} met " +
        "drie decimalen",
      ambiguousHint: "schrijf {whole} of {small}, zonder scheidingsteken voor duizendtallen",
      atLeast: "moet minstens {limit} zijn, gevonden: {value}", atMost: "mag hoogstens {limit} zijn, gevonden: {value}",
      pattern: "dd-mm-jjjj", example: "01-03-2026",
      notDate: "'{text}' is geen datum", dateHint: "schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-2026",
      shortYear: "'{text}': schrijf het jaar met vier cijfers", noMonth: "'{text}' bestaat niet: er is geen maand {month}",
      noMonthHint: "schrijf eerst de dag, dan de maand: dd-mm-jjjj", noDayZero: "'{text}' bestaat niet: er is " +
        "geen dag 0", noDay: "'{text}' bestaat niet: {month} {year} " +
        "heeft {days} dagen",
      months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december"],
    },
    en: {
      expected: "expected {words} but found {value}", number: "a number", whole: "a whole number",
      text: "the text '{value}'", aNumber: "the number {value}",
      numberHint: "write a number with at most one decimal mark, for example 12500 or 2.5",
      ambiguous: "'{text}' is ambiguous: {whole} written with a thousands separator, or {small} with three decimals",
      ambiguousHint: "write {whole} or {small}, without thousands separators",
      atLeast: "must be at least {limit}, found {value}", atMost: "must be at most {limit}, found {value}",
      pattern: "dd/mm/yyyy", example: "01/03/2026",
      notDate: "'{text}' is not a date", dateHint: "write the date as dd/mm/yyyy, for example 01/03/2026",
      shortYear: "'{text}': write the year with four digits", noMonth: "'{text}' does not exist: there is no month {month}",
      noMonthHint: "write the day first, then the month: dd/mm/yyyy", noDayZero: "'{text}' does not exist: there " +
        "is no day 0", noDay: "'{text}' does not exist: {month} {year} " +
        "has {days} days",
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"],
    },
  };
  const GROUP = {nl: ".", en: ","};  // each language's thousands separator (engine/ask/answers.py GROUP_MARK)
  const DECIMAL = {nl: ",", en: "."};
  const SPACES = /[\s\u00a0\u202f']/g;
  const CURRENCY = /^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$/gi;  // as re.sub: before and after

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const say = (lang, key, values) => fill(TEXTS[lang][key], values || {});
  const refusal = (message, hint) => ({error: message, hint: hint || null});

  // A value as a reason names it, control characters made visible and at most 60 characters (printable()).
  function printable(text) {
    const shown = text.replace(/[\u0000-\u001f\u007f-\u009f]/g,
      (c) => c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
    return shown.length <= 60 ? shown : shown.slice(0, 59) + "…";
  }

  function grouped(text, mark) {
    const [head, ...groups] = text.split(mark);
    return /^\d{1,3}$/.test(head) && groups.every((g) => /^\d{3}$/.test(g));
  }

  // The digits as Python's Decimal writes them: no leading zeros, the fraction as typed.
  function canonical(sign, whole, small) {
    const digits = whole.replace(/^0+(?=\d)/, "");
    const negative = sign === "-" && (small !== null || digits !== "0");  // a whole -0 is 0
    return `${negative ? "-" : ""}${digits}${small === null ? "" : "." + small}`;
  }

  // {value: "12000.50"} or {error, hint}; `node` gives the schema's minimum and maximum.
  function number(text, lang, node) {
    node = node || {};
    const integer = node.type === "integer";
    const refused = refusal(say(lang, "expected", {words: say(lang, integer ? "whole" : "number"),
      value: say(lang, "text", {value: printable(text)})}), say(lang, "numberHint"));
    let plain = text.trim().replace(CURRENCY, "").replace(SPACES, "");
    let sign = "";
    if (plain && "+-".includes(plain[0])) { sign = plain[0]; plain = plain.slice(1); }
    if (!/^\d(?:[0-9.,]*\d)?$/.test(plain)) return refused;
    const marks = [...plain].filter((c) => c === "." || c === ",");
    let whole = plain, small = null;
    if (new Set(marks).size === 2) {  // both marks: the last one is the decimal mark, the other groups thousands
      const at = Math.max(plain.lastIndexOf("."), plain.lastIndexOf(","));
      const point = plain[at], group = point === "." ? "," : ".";
      [whole, small] = [plain.slice(0, at), plain.slice(at + 1)];
      if (whole.includes(point) || !grouped(whole, group)) return refused;
      whole = whole.split(group).join("");
    } else if (marks.length > 1) {  // one kind of mark, several times: thousands groups
      if (!grouped(plain, marks[0])) return refused;
      whole = plain.split(marks[0]).join("");
    } else if (marks.length === 1) {
      [whole, small] = plain.split(marks[0]);
      const oneGroup = small.length === 3 && whole !== "0" && whole.length <= 3;
      if (oneGroup && marks[0] === GROUP[lang]) {  // '12.000' in Dutch, '12,000' in English
        [whole, small] = [whole + small, null];
      } else if (oneGroup) {  // the other language's separator: twelve thousand, or twelve with three decimals
        const decimals = canonical("", whole, small.replace(/0+$/, "") || null);
        const values = {text: printable(text.trim()), whole: whole + small, small: decimals};
        return refusal(say(lang, "ambiguous", values), say(lang, "ambiguousHint", values));
      }
    }
    let value = canonical(sign, whole, small);
    if (integer && small !== null) {
      if (/[1-9]/.test(small)) {
        return refusal(say(lang, "expected", {words: say(lang, "whole"), value: say(lang, "aNumber", {value})}));
      }
      value = canonical(sign, whole, null);
    }
    if ("minimum" in node && Number(value) < node.minimum) {
      return refusal(say(lang, "atLeast", {limit: node.minimum, value}));
    }
    if ("maximum" in node && Number(value) > node.maximum) {
      return refusal(say(lang, "atMost", {limit: node.maximum, value}));
    }
    return {value};
  }

  const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const two = (n) => String(n).padStart(2, "0");

  // {value: "2026-03-01"} or {error, hint}.
  function date(text, lang) {
    const typed = text.trim();
    const shown = printable(typed);
    let found = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
    let year, month, day;
    if (found) {
      [year, month, day] = [found[1], found[2], found[3]].map(Number);
    } else {
      found = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$/.exec(typed);
      if (!found) return refusal(say(lang, "notDate", {text: shown}), say(lang, "dateHint"));
      if (found[3].length !== 4) return refusal(say(lang, "shortYear", {text: shown}), say(lang, "dateHint"));
      [day, month, year] = [found[1], found[2], found[3]].map(Number);
    }
    if (month < 1 || month > 12) {
      return refusal(say(lang, "noMonth", {text: shown, month}), say(lang, "noMonthHint"));
    }
    if (day < 1) return refusal(say(lang, "noDayZero", {text: shown}), say(lang, "dateHint"));
    if (year < 1 || day > daysIn(year, month)) {
      return refusal(say(lang, "noDay", {text: shown, month: TEXTS[lang].months[month - 1], year,
        days: daysIn(year, month)}), say(lang, "dateHint"));
    }
    return {value: `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}`};
  }

  // How the page writes a value read in a field of `lang`: an ISO date as dd-mm-jjjj or dd/mm/yyyy; a number
  // with the language's decimal mark and no thousands separator (unambiguous in both languages).
  function dateField(iso, lang) {
    const [year, month, day] = iso.split("-");
    return [day, month, year].join(lang === "nl" ? "-" : "/");
  }

  function numberField(value, lang) {
    return String(value).replace(".", DECIMAL[lang]);
  }

  // What was read, in words: "1 maart 2026"; "12.000,50" (money: "EUR 12.000,50", at least two decimals).
  function dateWords(iso, lang) {
    const [year, month, day] = iso.split("-").map(Number);
    return `${day} ${TEXTS[lang].months[month - 1]} ${year}`;
  }

  function numberWords(value, lang, money) {
    const negative = value.startsWith("-");
    let [whole, small] = value.replace(/^-/, "").split(".");
    if (money) small = (small || "").padEnd(2, "0");
    const text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP[lang]) + (small ? DECIMAL[lang] + small : "");
    return `${money ? "EUR " : ""}${negative ? "-" : ""}${text}`;
  }

  return {number, date, dateField, numberField, dateWords, numberWords,
    pattern: (lang) => TEXTS[lang].pattern, example: (lang) => TEXTS[lang].example};
})();
