data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition
  account   = data.aws_caller_identity.current.account_id

  # "us.anthropic.claude-..." is a cross-region inference profile; it routes to the foundation model in several regions.
  profile_prefixes     = ["us", "eu", "apac", "global", "us-gov", "ca", "jp", "au"]
  model_id_parts       = split(".", var.bedrock_model_id)
  is_inference_profile = length(local.model_id_parts) > 2 && contains(local.profile_prefixes, local.model_id_parts[0])
  foundation_model_id  = local.is_inference_profile ? join(".", slice(local.model_id_parts, 1, length(local.model_id_parts))) : var.bedrock_model_id

  bedrock_resources = local.is_inference_profile ? [
    "arn:${local.partition}:bedrock:${var.bedrock_region}:${local.account}:inference-profile/${var.bedrock_model_id}",
    "arn:${local.partition}:bedrock:*::foundation-model/${local.foundation_model_id}",
    ] : [
    "arn:${local.partition}:bedrock:${var.bedrock_region}::foundation-model/${var.bedrock_model_id}",
  ]
}

# Trust: only a Google-signed ID token of the Doctor's service account, asked for the agreed audience.
# AWS maps accounts.google.com:aud to the token's azp claim (the service account's unique id when present),
# accounts.google.com:oaud to its aud claim and accounts.google.com:sub to its sub claim.
data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "DoctorCloudRunServiceAccount"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["accounts.google.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "accounts.google.com:aud"
      values   = [var.service_account_unique_id]
    }

    condition {
      test     = "StringEquals"
      variable = "accounts.google.com:sub"
      values   = [var.service_account_unique_id]
    }

    condition {
      test     = "StringEquals"
      variable = "accounts.google.com:oaud"
      values   = [var.token_audience]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "Assumed by the Doctor (Cloud Run) with its Google ID token: reads Patient Zone logs, invokes Bedrock"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
  tags                 = var.tags
}

data "aws_iam_policy_document" "permissions" {
  #checkov:skip=CKV_AWS_356: logs:GetQueryResults and logs:StopQuery support no resource-level permission (statement QueryResults); every other statement is scoped
  statement {
    sid = "ReadPatientLogs"
    actions = [
      "logs:FilterLogEvents",
      "logs:StartQuery",
      "logs:DescribeLogStreams",
      "logs:GetLogEvents",
    ]
    resources = concat(var.log_group_arns, [for arn in var.log_group_arns : "${arn}:*"])
  }

  statement {
    sid       = "DescribeLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:*:${local.account}:log-group:*"]
  }

  # GetQueryResults and StopQuery take a query id and support no resource-level permission.
  statement {
    sid       = "QueryResults"
    actions   = ["logs:GetQueryResults", "logs:StopQuery"]
    resources = ["*"]
  }

  statement {
    sid       = "InvokeConfiguredModel"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = local.bedrock_resources
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "doctor-bridge"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}
