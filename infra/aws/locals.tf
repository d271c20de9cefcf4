locals {
  name = "${var.project}-${var.environment}"

  tags = merge(var.tags, {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
    Zone        = "patient"
  })

  use_route53 = var.route53_zone_id != ""
}
