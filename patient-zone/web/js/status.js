import { api } from "./api.js";

async function check(id, probe, goodText) {
  const cell = document.querySelector(`#${id}`);
  cell.textContent = "checking…";
  cell.dataset.state = "unknown";
  try {
    await probe();
    cell.textContent = goodText;
    cell.dataset.state = "ok";
  } catch (error) {
    cell.textContent = error.code === "network_error" ? "unreachable" : `unavailable (HTTP ${error.status})`;
    cell.dataset.state = "down";
  }
}

async function refresh() {
  await Promise.all([check("healthz", api.health, "ok"), check("readyz", api.ready, "ready")]);
  document.querySelector("#checked-at").textContent = new Date().toLocaleTimeString();
}

document.querySelector("#recheck").addEventListener("click", refresh);
refresh();
