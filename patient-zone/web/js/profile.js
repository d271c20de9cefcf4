import { api, describe } from "./api.js";
import { session } from "./session.js";

const message = document.querySelector("#profile-message");
const details = document.querySelector("#profile");
const logout = document.querySelector("#logout");

function show(text) {
  message.textContent = text;
  message.hidden = false;
  message.focus();
}

function fill(user) {
  document.querySelector("#profile-name").textContent = user.name ?? "—";
  document.querySelector("#profile-email").textContent = user.email;
  const created = new Date(user.createdAt);
  document.querySelector("#profile-created").textContent = Number.isNaN(created.valueOf()) ? user.createdAt : created.toLocaleString();
  document.querySelector("#profile-id").textContent = String(user.id);
  details.hidden = false;
  logout.hidden = false;
}

async function load() {
  const token = session.token;
  if (!token) {
    show("You are not logged in.");
    return;
  }
  try {
    fill(await api.me(token));
  } catch (error) {
    if (error.code === "unauthorized") session.clear();
    show(describe(error));
  }
}

logout.addEventListener("click", async () => {
  const token = session.token;
  logout.disabled = true;
  try {
    if (token) await api.logout(token);
  } catch (error) {
    // Logging out locally is still right when the token was already invalid.
    if (error.code !== "unauthorized") {
      logout.disabled = false;
      show(describe(error));
      return;
    }
  }
  session.clear();
  window.location.assign("index.html");
});

load();
