output "role_arn" {
  description = "ARN of the role the Doctor assumes (its AWS_ROLE_ARN)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the bridge role."
  value       = aws_iam_role.this.name
}

output "bedrock_resources" {
  description = "Bedrock ARNs the role may invoke."
  value       = local.bedrock_resources
}
