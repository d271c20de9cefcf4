// The Patient API, seen from the browser. Same origin: locally patient-api serves this page,
// in the cloud CloudFront routes /api/* to the ALB.

/** An API failure with the contract's stable code (or a client-side one). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field ?? null;
  }
}

const messages = {
  invalid_request: "Please check the highlighted field.",
  email_taken: "An account with this email already exists. Try logging in.",
  invalid_credentials: "Email or password is wrong.",
  rate_limited: "Too many attempts. Please wait a moment and try again.",
  unauthorized: "Your session has ended. Please log in again.",
  database_unavailable: "The service is temporarily unavailable. Please try again in a minute.",
  service_unavailable: "The service is temporarily unavailable. Please try again in a minute.",
  network_error: "Cannot reach the service. Check your connection or try again shortly.",
  payload_too_large: "That input is too large.",
};

/** A sentence a person can act on, for an ApiError. */
export function describe(error) {
  if (error.code === "rate_limited" && error.retryAfter) {
    return `Too many attempts. Please wait ${error.retryAfter} seconds and try again.`;
  }
  if (error.code === "invalid_request" && error.message) return error.message;
  return messages[error.code] ?? (error.status >= 500 ? messages.service_unavailable : error.message || "Something went wrong.");
}

/** Calls the API; resolves to the parsed JSON body (or null for 204), rejects with ApiError. */
export async function call(method, path, { body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network_error", messages.network_error);
  }
  if (response.status === 204) return null;
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (response.ok) return payload;
  const info = payload?.error ?? {};
  const code = info.code ?? (response.status === 503 ? "service_unavailable" : `http_${response.status}`);
  const error = new ApiError(response.status, code, info.message ?? "", info.field);
  const retryAfter = response.headers.get("Retry-After");
  if (retryAfter) error.retryAfter = retryAfter;
  throw error;
}

export const api = {
  signup: (email, password, name) => call("POST", "/api/auth/signup", { body: name ? { email, password, name } : { email, password } }),
  login: (email, password) => call("POST", "/api/auth/login", { body: { email, password } }),
  me: (token) => call("GET", "/api/users/me", { token }),
  logout: (token) => call("POST", "/api/auth/logout", { token }),
  health: () => call("GET", "/healthz"),
  ready: () => call("GET", "/readyz"),
};
