{{- define "platform-library.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "platform-library.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # JVMs are slow to warm up: do not give capacity back on a short lull.
      stabilizationWindowSeconds: 300
{{- end -}}
{{- end -}}

{{- define "platform-library.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  # maxUnavailable rather than minAvailable: with one replica (a small single-node cluster) a node can still be
  # drained, with two or more one pod at a time goes.
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/*
Ingress to the pods: only from the peers in .Values.networkPolicy.from (the gateway for a service; the ingress
controller, the portal and the gateway clients for the gateway; the ingress controller for the portal) and, with a
ServiceMonitor, from Prometheus' namespace to the management port only. Egress is left to the cluster's default-deny policies in k8s/.
*/}}
{{- define "platform-library.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    - from:
        {{- required "networkPolicy.from must list who may call the service" .Values.networkPolicy.from | toYaml | nindent 8 }}
      ports:
        - port: http
          protocol: TCP
    # Health and metrics: Prometheus' namespace (with a ServiceMonitor) and the release's health checks (helm test),
    # never the callers above. The kubelet's probes are not subject to NetworkPolicy.
    - from:
        {{- if .Values.serviceMonitor.enabled }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .Values.serviceMonitor.prometheusNamespace }}
        {{- end }}
        - podSelector:
            matchLabels:
              poverty-platform/health-check: "true"
      ports:
        - port: management
          protocol: TCP
{{- end -}}
{{- end -}}

{{- define "platform-library.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval }}
{{- end -}}
{{- end -}}

{{/*
Alert rules on the metrics the ServiceMonitor scrapes (issue 22), scoped to this release's Service by the labels
the Prometheus Operator gives every scraped series (namespace, service). A metric a deployable does not have (the
gateway has no outbox) leaves its rule silent. The runbooks are docs/events/README.md ("Dead letters and dead rows")
and docs/operations.md ("Alerts").
*/}}
{{- define "platform-library.prometheusRule" -}}
{{- if .Values.prometheusRule.enabled -}}
{{- if not .Values.serviceMonitor.enabled -}}
{{- fail "prometheusRule.enabled needs serviceMonitor.enabled: the rules read what the ServiceMonitor scrapes" -}}
{{- end -}}
{{- $name := include "platform-library.fullname" . -}}
{{- $scope := printf "namespace=%q, service=%q" .Release.Namespace $name -}}
{{- $rules := .Values.prometheusRule -}}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
    {{- with $rules.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  groups:
    - name: {{ $name }}.events
      rules:
        - alert: ConsumerDeadLetters
          expr: sum by (namespace, service, topic, group) (increase(consumer_dead_letters_total{ {{- $scope -}} }[15m])) > 0
          labels:
            severity: warning
          annotations:
            summary: "{{ $name }} dead-lettered events of {{ "{{" }} $labels.topic {{ "}}" }}"
            description: "{{ "{{" }} $value {{ "}}" }} event(s) went to error.{{ "{{" }} $labels.topic {{ "}}" }}.{{ "{{" }} $labels.group {{ "}}" }} in 15 minutes: malformed, or breaking a rule after their tries. Their effect is missing until they are replayed."
            runbook: docs/events/README.md#dead-letters-and-dead-rows-runbook
        - alert: OutboxDeadEvents
          expr: sum by (namespace, service) (increase(outbox_dead_events_total{ {{- $scope -}} }[15m])) > 0
          labels:
            severity: warning
          annotations:
            summary: "{{ $name }} kept outbox events Kafka refused for good"
            description: "{{ "{{" }} $value {{ "}}" }} outbox row(s) marked dead in 15 minutes (too large, an invalid topic): their consumers never see them until they are sent again."
            runbook: docs/events/README.md#dead-letters-and-dead-rows-runbook
        - alert: OutboxBehind
          expr: max by (namespace, service) (outbox_oldest_unsent_age_seconds{ {{- $scope -}} }) > {{ $rules.outboxBehindSeconds }}
          for: 5m
          labels:
            severity: critical
          annotations:
            summary: "{{ $name }}'s events are not reaching Kafka"
            description: "The oldest unsent outbox row is {{ "{{" }} $value | humanizeDuration {{ "}}" }} old: the broker is away, a topic or ACL is missing (outbox_publish_failures_total rises), or the relay cannot keep up. Other services' copies and ledgers fall behind."
            runbook: docs/operations.md#alerts
        - alert: OutboxPublishFailing
          expr: sum by (namespace, service) (rate(outbox_publish_failures_total{ {{- $scope -}} }[5m])) > 0
          for: 10m
          labels:
            severity: warning
          annotations:
            summary: "{{ $name }}'s outbox relay keeps failing to publish"
            description: "Kafka has refused or timed out sends for 10 minutes (retried with back-off, nothing lost yet): check the broker, the topic and the service's Kafka user and ACLs."
            runbook: docs/operations.md#alerts
    - name: {{ $name }}.http
      rules:
        - alert: HttpServerErrors
          expr: >-
            sum by (namespace, service) (rate(http_server_requests_seconds_count{ {{- $scope -}}, status=~"5.."}[5m]))
            / sum by (namespace, service) (rate(http_server_requests_seconds_count{ {{- $scope -}} }[5m]))
            > {{ $rules.serverErrorRatio }}
          for: 10m
          labels:
            severity: critical
          annotations:
            summary: "{{ $name }} answers too many requests with 5xx"
            description: "{{ "{{" }} $value | humanizePercentage {{ "}}" }} of its requests failed with a server error for 10 minutes (503s with Retry-After included: a busy database or pool)."
            runbook: docs/operations.md#alerts
{{- end -}}
{{- end -}}
