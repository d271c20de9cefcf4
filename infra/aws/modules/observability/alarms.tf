locals {
  alarm_actions = [aws_sns_topic.alerts.arn]
}

# Every alarm description ends with "log-group: NAME": the Doctor reads that marker to know which
# log group to diagnose when the alarm's notification reaches /alerts/sns.

# --- from the JSON logs ({"level": ..., "message": ..., "status": ...}) --------
# StructuredLogging writes metadata values as strings ("status":"503"), so the 5xx filter matches
# the string form as well as a JSON number.

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "${var.name}-error-lines"
  log_group_name = var.log_group_name
  pattern        = "{ ($.level = \"error\") || ($.level = \"critical\") }"

  metric_transformation {
    name          = "ErrorLogLines"
    namespace     = var.metric_namespace
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_log_metric_filter" "http_5xx" {
  name           = "${var.name}-http-5xx"
  log_group_name = var.log_group_name
  pattern        = "{ ($.status >= 500) || ($.status = \"5*\") }"

  metric_transformation {
    name          = "Http5xxResponses"
    namespace     = var.metric_namespace
    value         = "1"
    default_value = "0"
  }
}

resource "aws_cloudwatch_metric_alarm" "app_errors" {
  alarm_name          = "${var.name}-app-errors"
  alarm_description   = "patient-api wrote ${var.error_threshold}+ error lines in 5 minutes; log-group: ${var.log_group_name}"
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.errors.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.error_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "app_5xx" {
  alarm_name          = "${var.name}-app-5xx"
  alarm_description   = "patient-api answered ${var.http_5xx_threshold}+ 5xx in 5 minutes; log-group: ${var.log_group_name}"
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.http_5xx.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.http_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

# --- load balancer -----------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  alarm_name          = "${var.name}-alb-5xx"
  alarm_description   = "The load balancer returned ${var.http_5xx_threshold}+ 5xx of its own in 5 minutes (no healthy target, timeouts); log-group: ${var.log_group_name}"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_ELB_5XX_Count"
  dimensions          = { LoadBalancer = var.alb_arn_suffix }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.http_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  alarm_name          = "${var.name}-target-5xx"
  alarm_description   = "patient-api targets returned ${var.http_5xx_threshold}+ 5xx in 5 minutes; log-group: ${var.log_group_name}"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.http_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

# --- ECS -----------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "running_tasks" {
  alarm_name          = "${var.name}-running-tasks"
  alarm_description   = "Fewer than ${var.min_running_tasks} patient-api tasks running (crash loop, failed deployment); log-group: ${var.log_group_name}"
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  dimensions          = { ClusterName = var.ecs_cluster_name, ServiceName = var.ecs_service_name }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 3
  threshold           = var.min_running_tasks
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

# Every task that stops on its own (crash, failed health check, OOM) is a restart.
resource "aws_cloudwatch_event_rule" "task_stopped" {
  name        = "${var.name}-task-stopped"
  description = "patient-api task stopped outside a deployment scale-in"
  event_pattern = jsonencode({
    source      = ["aws.ecs"]
    detail-type = ["ECS Task State Change"]
    detail = {
      clusterArn    = [{ wildcard = "*:cluster/${var.ecs_cluster_name}" }]
      group         = ["service:${var.ecs_service_name}"]
      lastStatus    = ["STOPPED"]
      stopCode      = ["EssentialContainerExited", "TaskFailedToStart"]
      desiredStatus = ["STOPPED"]
    }
  })
  tags = var.tags
}

# Delivered in the shape of a CloudWatch alarm notification, so the Doctor handles it like any alarm.
resource "aws_cloudwatch_event_target" "task_stopped" {
  rule      = aws_cloudwatch_event_rule.task_stopped.name
  target_id = "alerts-topic"
  arn       = aws_sns_topic.alerts.arn

  input_transformer {
    input_paths = {
      reason = "$.detail.stoppedReason"
      task   = "$.detail.taskArn"
      time   = "$.time"
    }
    input_template = <<-EOT
      {"AlarmName": "${var.name}-task-stopped", "NewStateValue": "ALARM", "NewStateReason": <reason>, "StateChangeTime": <time>, "AlarmDescription": "patient-api task <task> stopped on its own (crash, failed health check or OOM); log-group: ${var.log_group_name}"}
    EOT
  }
}

# --- RDS -------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${var.name}-db-connections"
  alarm_description   = "MySQL connections above 80% of max_connections (${var.db_max_connections}); log-group: ${var.log_group_name}"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = floor(var.db_max_connections * 0.8)
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${var.name}-db-cpu"
  alarm_description   = "MySQL CPU above 80% for 10 minutes; log-group: ${var.log_group_name}"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_storage" {
  alarm_name          = "${var.name}-db-free-storage"
  alarm_description   = "MySQL free storage below ${var.db_min_free_storage_bytes} bytes; log-group: ${var.log_group_name}"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.db_min_free_storage_bytes
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = var.tags
}
