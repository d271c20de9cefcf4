// Form helpers: inline, accessible validation messages tied to their inputs.

/** Clears every message of a form. */
export function clearErrors(form) {
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const hint of form.querySelectorAll(".field-error")) hint.textContent = "";
  const banner = form.querySelector("[role=alert]");
  if (banner) {
    banner.textContent = "";
    banner.hidden = true;
  }
}

/** Marks one field invalid with a message, and moves focus there. */
export function fieldError(form, name, message) {
  const input = form.elements.namedItem(name);
  const hint = form.querySelector(`#${name}-error`);
  if (!input || !hint) return false;
  input.setAttribute("aria-invalid", "true");
  hint.textContent = message;
  input.focus();
  return true;
}

/** Shows a message for the whole form (announced by screen readers). */
export function formError(form, message) {
  const banner = form.querySelector("[role=alert]");
  banner.textContent = message;
  banner.hidden = false;
  banner.focus();
}

/** Disables the submit button while work runs, and says so. */
export async function busy(form, work) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

/** Client-side checks mirroring the API's rules; the API stays the judge. */
export function checkCredentials(email, password) {
  if (!email.trim()) return { field: "email", message: "Enter your email address." };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return { field: "email", message: "Enter an email address like name@example.com." };
  const bytes = new TextEncoder().encode(password).length;
  if (bytes < 8) return { field: "password", message: "Use at least 8 characters." };
  if (bytes > 72) return { field: "password", message: "Use at most 72 bytes (bcrypt reads no more)." };
  return null;
}
