terraform {
  required_version = ">= 1.10"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }

  # Partial configuration: bucket from -backend-config="bucket=...", prefix from envs/<env>.gcs.tfbackend.
  backend "gcs" {}
}
