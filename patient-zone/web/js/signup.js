import { api, describe } from "./api.js";
import { busy, checkCredentials, clearErrors, fieldError, formError } from "./forms.js";
import { session } from "./session.js";

const form = document.querySelector("#signup-form");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const name = form.elements.name.value.trim();
  const email = form.elements.email.value;
  const password = form.elements.password.value;
  const problem = checkCredentials(email, password);
  if (problem) {
    fieldError(form, problem.field, problem.message);
    return;
  }
  await busy(form, async () => {
    try {
      const { token } = await api.signup(email.trim(), password, name || undefined);
      session.save(token);
      window.location.assign("profile.html");
    } catch (error) {
      if (error.code === "email_taken") {
        fieldError(form, "email", describe(error));
        return;
      }
      if (error.field && fieldError(form, error.field, describe(error))) return;
      formError(form, describe(error));
    }
  });
});
