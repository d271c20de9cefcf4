# TLS certificates for the two public names, validated through Route 53 when a zone is given
# (otherwise add the validation records shown in the ACM console by hand).

resource "aws_acm_certificate" "api" {
  domain_name       = var.api_domain_name
  validation_method = "DNS"
  tags              = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate" "web" {
  provider          = aws.us_east_1
  domain_name       = var.web_domain_name
  validation_method = "DNS"
  tags              = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "api_validation" {
  # One name per certificate: the count is known at plan, the record only after the certificate exists.
  count           = local.use_route53 ? 1 : 0
  zone_id         = var.route53_zone_id
  name            = tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_name
  type            = tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_type
  records         = [tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_route53_record" "web_validation" {
  # One name per certificate: the count is known at plan, the record only after the certificate exists.
  count           = local.use_route53 ? 1 : 0
  zone_id         = var.route53_zone_id
  name            = tolist(aws_acm_certificate.web.domain_validation_options)[0].resource_record_name
  type            = tolist(aws_acm_certificate.web.domain_validation_options)[0].resource_record_type
  records         = [tolist(aws_acm_certificate.web.domain_validation_options)[0].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  count                   = local.use_route53 ? 1 : 0
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = aws_route53_record.api_validation[*].fqdn
}

resource "aws_acm_certificate_validation" "web" {
  provider                = aws.us_east_1
  count                   = local.use_route53 ? 1 : 0
  certificate_arn         = aws_acm_certificate.web.arn
  validation_record_fqdns = aws_route53_record.web_validation[*].fqdn
}

locals {
  api_certificate_arn = local.use_route53 ? aws_acm_certificate_validation.api[0].certificate_arn : aws_acm_certificate.api.arn
  web_certificate_arn = local.use_route53 ? aws_acm_certificate_validation.web[0].certificate_arn : aws_acm_certificate.web.arn
}

resource "aws_route53_record" "api" {
  count   = local.use_route53 ? 1 : 0
  zone_id = var.route53_zone_id
  name    = var.api_domain_name
  type    = "A"

  alias {
    name                   = module.alb.alb_dns_name
    zone_id                = module.alb.alb_zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "web" {
  count   = local.use_route53 ? 1 : 0
  zone_id = var.route53_zone_id
  name    = var.web_domain_name
  type    = "A"

  alias {
    name                   = module.web.distribution_domain_name
    zone_id                = module.web.distribution_zone_id
    evaluate_target_health = false
  }
}
