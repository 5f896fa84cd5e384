// Renders the OpenAPI document of this hub; no external assets (portals run in closed networks).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach((c) => node.append(c));
  return node;
}

function tryForm(path, method, op) {
  const form = el("form", {});
  const params = op.parameters || [];
  params.forEach((p) => {
    form.append(el("label", {}, `${p.name} (${p.in}) `, el("input", { name: p.name, "data-in": p.in })));
  });
  let body = null;
  if (op.requestBody) {
    body = el("textarea", { rows: "6", cols: "70", name: "__body" }, "{}");
    form.append(el("label", {}, "JSON body", el("br"), body));
  }
  const out = el("pre", {});
  form.append(el("button", { type: "submit" }, "Gửi / Send"), out);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    form.querySelectorAll("input").forEach((input) => {
      if (!input.value) return;
      if (input.dataset.in === "path") url = url.replace(`{${input.name}}`, encodeURIComponent(input.value));
      else query.append(input.name, input.value);
    });
    const headers = {};
    const token = document.getElementById("token").value.trim();
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = { method: method.toUpperCase(), headers };
    if (body) { headers["Content-Type"] = "application/json"; init.body = body.value; }
    const qs = query.toString();
    const response = await fetch(qs ? `${url}?${qs}` : url, init);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
    out.textContent = `${response.status} ${response.statusText}\n\n${shown}`;
  });
  return form;
}

async function main() {
  const spec = await (await fetch("openapi.json")).json();
  const root = document.getElementById("operations");
  root.textContent = "";
  const byTag = {};
  Object.entries(spec.paths).forEach(([path, ops]) => {
    Object.entries(ops).forEach(([method, op]) => {
      const tag = (op.tags && op.tags[0]) || "other";
      (byTag[tag] = byTag[tag] || []).push([path, method, op]);
    });
  });
  Object.keys(byTag).sort().forEach((tag) => {
    root.append(el("h2", {}, tag));
    byTag[tag].forEach(([path, method, op]) => {
      const head = el("summary", {}, el("span", { class: `method ${method}` }, method.toUpperCase()),
        el("code", {}, path), ` — ${op.summary || ""}`);
      const statuses = Object.keys(op.responses || {}).join(", ");
      root.append(el("details", {}, head, el("p", {}, op.description || ""),
        el("p", {}, `Responses: ${statuses}`), tryForm(path, method, op)));
    });
  });
}

main().catch((err) => { document.getElementById("operations").textContent = String(err); });
