# Every output a workflow or the Patient Zone consumes is listed in infra/README.md.

output "project_id" {
  description = "GCP project of the Doctor Zone."
  value       = var.project_id
}

output "region" {
  description = "Region of Artifact Registry and Cloud Run."
  value       = var.region
}

output "artifact_registry_repository" {
  description = "Artifact Registry repository id."
  value       = google_artifact_registry_repository.doctor.repository_id
}

output "artifact_registry_url" {
  description = "Docker repository URL (REGION-docker.pkg.dev/PROJECT/REPO)."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.doctor.repository_id}"
}

output "cloud_run_service_name" {
  description = "Cloud Run service name."
  value       = google_cloud_run_v2_service.doctor.name
}

output "cloud_run_service_url" {
  description = "HTTPS URL of the Doctor (Slack request URL base; SNS endpoint is URL + /alerts/sns)."
  value       = google_cloud_run_v2_service.doctor.uri
}

output "workload_identity_provider" {
  description = "Full resource name of the GitHub Actions Workload Identity provider."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "deploy_service_account_email" {
  description = "Service account GitHub Actions impersonates to deploy."
  value       = google_service_account.deployer.email
}

output "doctor_service_account_email" {
  description = "Runtime service account of the Doctor."
  value       = google_service_account.doctor.email
}

output "doctor_service_account_unique_id" {
  description = "Numeric unique id of the Doctor's service account (infra/aws doctor_service_account_unique_id)."
  value       = google_service_account.doctor.unique_id
}
