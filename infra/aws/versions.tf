terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 7.0"
    }
  }

  # Partial configuration: bucket from -backend-config="bucket=...", the rest from envs/<env>.s3.tfbackend.
  backend "s3" {}
}
