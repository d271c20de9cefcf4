-- Failed logins per email, shared by every instance of the API (a count per instance would let
-- N tasks allow N times the limit). Only the SHA-256 of the normalised email is stored.
CREATE TABLE login_failures (
  email_hash BINARY(32) NOT NULL PRIMARY KEY,
  failures INT UNSIGNED NOT NULL,
  window_ends DATETIME(3) NOT NULL,
  KEY login_failures_window_ends (window_ends)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
