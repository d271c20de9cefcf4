# GitHub Actions -> Workload Identity Federation -> deployer service account. No key is ever created.
locals {
  github_owner = split("/", var.github_repository)[0]
  github_name  = split("/", var.github_repository)[1]
}

resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = "github-${var.environment}"
  display_name              = "GitHub Actions (${var.environment})"
  description               = "Workflows of ${var.github_repository}"
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"

  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
  }

  # Only this repository's main and dev branches may exchange tokens at all (the same subjects the AWS deploy role trusts).
  attribute_condition = "assertion.repository == '${local.github_owner}/${local.github_name}' && (assertion.sub == 'repo:${local.github_owner}/${local.github_name}:ref:refs/heads/main' || assertion.sub == 'repo:${local.github_owner}/${local.github_name}:ref:refs/heads/dev')"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "deployer" {
  account_id   = "${local.name}-deploy"
  display_name = "Cloud Doctor (${var.environment}) GitHub deployer"
  description  = "Pushes Doctor images and deploys Cloud Run revisions from GitHub Actions"
}

resource "google_service_account_iam_member" "deployer_wif" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.github_repository}"
}

resource "google_artifact_registry_repository_iam_member" "deployer_push" {
  project    = google_artifact_registry_repository.doctor.project
  location   = google_artifact_registry_repository.doctor.location
  repository = google_artifact_registry_repository.doctor.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_cloud_run_v2_service_iam_member" "deployer_run" {
  project  = google_cloud_run_v2_service.doctor.project
  location = google_cloud_run_v2_service.doctor.location
  name     = google_cloud_run_v2_service.doctor.name
  role     = "roles/run.developer"
  member   = "serviceAccount:${google_service_account.deployer.email}"
}

# Deploying a revision that runs as the Doctor's service account needs actAs on it.
resource "google_service_account_iam_member" "deployer_act_as_doctor" {
  service_account_id = google_service_account.doctor.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.deployer.email}"
}
