resource "google_artifact_registry_repository" "doctor" {
  #checkov:skip=CKV_GCP_84: images hold no customer data; Google-managed encryption is enough and avoids a KMS key ring per environment
  location      = var.region
  repository_id = var.service_name
  description   = "Doctor images"
  format        = "DOCKER"

  docker_config {
    immutable_tags = true
  }

  cleanup_policy_dry_run = false

  cleanup_policies {
    id     = "keep-newest"
    action = "KEEP"

    most_recent_versions {
      keep_count = var.keep_images
    }
  }

  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"

    condition {
      tag_state  = "ANY"
      older_than = "2592000s"
    }
  }

  labels = local.labels
}
