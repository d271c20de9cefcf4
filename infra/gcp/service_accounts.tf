# Runtime identity of the Doctor. Its unique id is what the AWS bridge role trusts.
resource "google_service_account" "doctor" {
  account_id   = "${local.name}-run"
  display_name = "Cloud Doctor (${var.environment}) Cloud Run runtime"
  description  = "Runs the Doctor: Vertex AI, its Slack secrets, and Google ID tokens for AWS STS"
}

resource "google_project_iam_member" "doctor_vertex" {
  project = var.project_id
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.doctor.email}"
}

resource "google_project_iam_member" "doctor_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.doctor.email}"
}

resource "google_project_iam_member" "doctor_metrics" {
  project = var.project_id
  role    = "roles/monitoring.metricWriter"
  member  = "serviceAccount:${google_service_account.doctor.email}"
}
