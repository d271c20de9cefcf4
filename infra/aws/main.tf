# Patient Zone: network, load balancer, ECS service, database, web front end, alarms;
# plus the Doctor's keyless bridge role and the GitHub Actions deploy roles.

module "network" {
  source             = "./modules/network"
  name               = local.name
  cidr               = var.vpc_cidr
  single_nat_gateway = var.single_nat_gateway
  kms_key_arn        = aws_kms_key.patient.arn
  log_retention_days = var.log_retention_days
  tags               = local.tags
}

module "ecr" {
  source      = "./modules/ecr"
  name        = "${local.name}/patient-api"
  kms_key_arn = aws_kms_key.patient.arn
  tags        = local.tags
}

# By default only CloudFront (and so its WAF) can reach the load balancer.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

module "alb" {
  source                  = "./modules/alb"
  ingress_cidrs           = var.alb_direct_ingress ? ["0.0.0.0/0"] : []
  ingress_prefix_list_ids = var.alb_direct_ingress ? [] : [data.aws_ec2_managed_prefix_list.cloudfront.id]
  name                    = local.name
  vpc_id                  = module.network.vpc_id
  public_subnet_ids       = module.network.public_subnet_ids
  certificate_arn         = local.api_certificate_arn
  app_port                = 8080
  health_check_path       = "/healthz"
  deletion_protection     = var.environment == "prod"
  access_logs_bucket      = aws_s3_bucket.logs.id
  tags                    = local.tags

  depends_on = [aws_s3_bucket_policy.logs]
}

module "database" {
  source                = "./modules/database"
  name                  = local.name
  vpc_id                = module.network.vpc_id
  private_subnet_ids    = module.network.private_subnet_ids
  instance_class        = var.db_instance_class
  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  multi_az              = var.db_multi_az
  deletion_protection   = var.db_deletion_protection
  backup_retention_days = var.db_backup_retention_days
  max_connections       = var.db_max_connections
  kms_key_arn           = aws_kms_key.patient.arn
  tags                  = local.tags
}

locals {
  db_secret_arn = module.database.master_secret_arn

  app_secrets = merge(
    {
      MYSQL_USER     = "${local.db_secret_arn}:username::"
      MYSQL_PASSWORD = "${local.db_secret_arn}:password::"
    },
    var.chaos_token_secret_arn == "" ? {} : { CHAOS_TOKEN = var.chaos_token_secret_arn },
  )
}

module "ecs_service" {
  source                     = "./modules/ecs-service"
  name                       = local.name
  environment                = var.environment
  aws_region                 = var.aws_region
  vpc_id                     = module.network.vpc_id
  private_subnet_ids         = module.network.private_subnet_ids
  alb_security_group_id      = module.alb.security_group_id
  target_group_arn           = module.alb.target_group_arn
  alb_arn_suffix             = module.alb.alb_arn_suffix
  target_group_arn_suffix    = module.alb.target_group_arn_suffix
  image                      = "${module.ecr.repository_url}:${var.app_image_tag}"
  app_port                   = 8080
  task_cpu                   = var.task_cpu
  task_memory                = var.task_memory
  desired_count              = var.desired_count
  min_capacity               = var.min_capacity
  max_capacity               = var.max_capacity
  database_security_group_id = module.database.security_group_id
  database_port              = module.database.port
  kms_key_arn                = aws_kms_key.patient.arn
  log_retention_days         = var.log_retention_days

  environment_variables = {
    MYSQL_HOST      = module.database.address
    MYSQL_PORT      = tostring(module.database.port)
    MYSQL_DATABASE  = module.database.database_name
    MYSQL_POOL_SIZE = tostring(var.db_pool_size)
    # TLS to RDS, checked against the RDS CA bundle baked into the image (require_secure_transport is on)
    MYSQL_SSL_MODE = "VERIFY_IDENTITY"
    MYSQL_SSL_CA   = "/app/rds-global-bundle.pem"
    LOG_LEVEL      = var.log_level
    BCRYPT_COST    = tostring(var.bcrypt_cost)
  }

  secrets     = local.app_secrets
  secret_arns = compact([local.db_secret_arn, var.chaos_token_secret_arn])
  tags        = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "db_from_tasks" {
  security_group_id            = module.database.security_group_id
  description                  = "MySQL from the patient-api tasks"
  ip_protocol                  = "tcp"
  from_port                    = module.database.port
  to_port                      = module.database.port
  referenced_security_group_id = module.ecs_service.security_group_id
  tags                         = local.tags
}

module "web" {
  source = "./modules/web"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name                    = local.name
  site_bucket_name        = "${local.name}-site-${data.aws_caller_identity.current.account_id}"
  domain_name             = var.web_domain_name
  certificate_arn         = local.web_certificate_arn
  api_origin_domain_name  = var.api_domain_name
  kms_key_arn             = aws_kms_key.patient.arn
  logs_bucket_id          = aws_s3_bucket.logs.id
  logs_bucket_domain_name = aws_s3_bucket.logs.bucket_regional_domain_name
  tags                    = local.tags
}

module "observability" {
  source                  = "./modules/observability"
  name                    = local.name
  log_group_name          = module.ecs_service.log_group_name
  alb_arn_suffix          = module.alb.alb_arn_suffix
  target_group_arn_suffix = module.alb.target_group_arn_suffix
  ecs_cluster_name        = module.ecs_service.cluster_name
  ecs_service_name        = module.ecs_service.service_name
  min_running_tasks       = var.min_capacity
  db_instance_identifier  = module.database.instance_identifier
  db_max_connections      = var.db_max_connections
  alert_endpoint          = var.doctor_alert_endpoint
  kms_key_arn             = aws_kms_key.patient.arn
  tags                    = local.tags
}

module "doctor_bridge" {
  source                    = "./modules/doctor-bridge"
  name                      = "${local.name}-doctor-bridge"
  service_account_unique_id = var.doctor_service_account_unique_id
  token_audience            = var.doctor_token_audience
  log_group_arns            = [module.ecs_service.log_group_arn]
  bedrock_region            = var.bedrock_region
  bedrock_model_id          = var.bedrock_model_id
  tags                      = local.tags
}

module "github_oidc" {
  source                      = "./modules/github-oidc"
  name                        = local.name
  create_provider             = var.create_github_oidc_provider
  github_repository           = var.github_repository
  deploy_branches             = var.github_deploy_branches
  apply_branches              = var.github_apply_branches
  plan_allow_pull_requests    = var.github_plan_allow_pull_requests
  ecr_repository_arn          = module.ecr.repository_arn
  ecs_cluster_name            = module.ecs_service.cluster_name
  ecs_service_name            = module.ecs_service.service_name
  ecs_task_family             = module.ecs_service.task_family
  ecs_pass_role_arns          = [module.ecs_service.execution_role_arn, module.ecs_service.task_role_arn]
  site_bucket_arn             = module.web.site_bucket_arn
  cloudfront_distribution_arn = module.web.distribution_arn
  kms_key_arn                 = aws_kms_key.patient.arn
  terraform_state_bucket      = var.terraform_state_bucket
  tags                        = local.tags
}
