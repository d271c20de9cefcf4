// Where the bearer token lives: sessionStorage (see docs/decisions.md).
// It is scoped to this tab, gone when the tab closes, never sent automatically with requests
// (so no CSRF), and the strict Content-Security-Policy keeps foreign scripts from reading it.

const KEY = "cloud-doctor.token";

export const session = {
  get token() {
    return sessionStorage.getItem(KEY);
  },
  save(token) {
    sessionStorage.setItem(KEY, token);
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};
