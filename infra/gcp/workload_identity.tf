# GitHub Actions -> Workload Identity Federation -> deployer service account. No key is ever created.
locals {
  github_owner = split("/", var.github_repository)[0]
  github_name  = split("/", var.github_repository)[1]

  # One principal per exact token subject (google.subject = assertion.sub).
  pool_subject   = "principal://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/subject"
  branch_members = [for b in ["main", "dev"] : "${local.pool_subject}/repo:${var.github_repository}:ref:refs/heads/${b}"]
  pr_member      = "${local.pool_subject}/repo:${var.github_repository}:pull_request"
  apply_members  = [for b in var.terraform_apply_branches : "${local.pool_subject}/repo:${var.github_repository}:ref:refs/heads/${b}"]
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

  # Only this repository's main and dev branches (the same subjects the AWS deploy role trusts) and, for the
  # read-only Terraform plan account only, its pull requests may exchange tokens at all.
  attribute_condition = "assertion.repository == '${local.github_owner}/${local.github_name}' && (assertion.sub == 'repo:${local.github_owner}/${local.github_name}:ref:refs/heads/main' || assertion.sub == 'repo:${local.github_owner}/${local.github_name}:ref:refs/heads/dev' || assertion.sub == 'repo:${local.github_owner}/${local.github_name}:pull_request')"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "deployer" {
  account_id   = "${local.name}-deploy"
  display_name = "Cloud Doctor (${var.environment}) GitHub deployer"
  description  = "Pushes Doctor images and deploys Cloud Run revisions from GitHub Actions"
}

# Deploys: workflows on main and dev only (never pull requests).
resource "google_service_account_iam_member" "deployer_wif" {
  for_each           = toset(local.branch_members)
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value
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

# Terraform's own service accounts are created when the project is bootstrapped (they cannot create
# themselves); when named here, the workflows may impersonate them: plan from main, dev and pull requests,
# apply from the apply branches only.
resource "google_service_account_iam_member" "terraform_plan_wif" {
  for_each           = var.terraform_plan_service_account_email == "" ? toset([]) : toset(concat(local.branch_members, [local.pr_member]))
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.terraform_plan_service_account_email}"
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value
}

resource "google_service_account_iam_member" "terraform_apply_wif" {
  for_each           = var.terraform_apply_service_account_email == "" ? toset([]) : toset(local.apply_members)
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.terraform_apply_service_account_email}"
  role               = "roles/iam.workloadIdentityUser"
  member             = each.value
}
