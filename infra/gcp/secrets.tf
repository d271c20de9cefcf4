# Secret containers only: the values are added out of band
# (gcloud secrets versions add slack-signing-secret --data-file=-), never in Terraform state.
resource "google_secret_manager_secret" "doctor" {
  for_each  = local.doctor_secrets
  secret_id = each.value
  labels    = local.labels

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "doctor" {
  for_each  = google_secret_manager_secret.doctor
  secret_id = each.value.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.doctor.email}"
}
