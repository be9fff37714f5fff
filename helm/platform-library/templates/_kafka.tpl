{{/*
The Kafka binder's credentials and TLS (env entries), for a chart that uses kafka. Each deployable is its own Kafka
user, named like its chart (k8s/kafka/users.yaml: SCRAM-SHA-512, ACLs for exactly the topics and groups it uses),
with its password in the Secret <chart>-kafka (key password), over TLS trusting global.platform.kafka.caSecret
(protocol SASL_SSL, the default; SASL_PLAINTEXT and PLAINTEXT are for a cluster of your own without TLS or users).
The binder's `configuration` map reaches every client it makes and platform-core's own (KafkaClients: the outbox
relay, the dead-letter publisher).
Kubernetes expands $(KAFKA_USERNAME) and $(KAFKA_PASSWORD) in the JAAS line from the entries above it, so the password
stays in its Secret and the rendered manifest holds only the reference.
*/}}
{{- define "platform-library.kafkaEnv" -}}
{{- $kafka := index . 1 -}}
{{- $root := index . 0 -}}
{{- $configuration := "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_" -}}
{{- $protocol := $kafka.protocol | default "SASL_SSL" -}}
{{- if not (has $protocol (list "SASL_SSL" "SASL_PLAINTEXT" "PLAINTEXT")) -}}
{{- fail (printf "global.platform.kafka.protocol: SASL_SSL, SASL_PLAINTEXT or PLAINTEXT, not %s" $protocol) -}}
{{- end -}}
{{- $scram := hasPrefix "SASL_" $protocol -}}
{{- $tls := eq $protocol "SASL_SSL" -}}
{{- if $scram }}
- name: KAFKA_USERNAME
  value: {{ $root.Chart.Name | quote }}
- name: KAFKA_PASSWORD
  {{- include "platform-library.secretRef" (list "the Kafka user's Secret" (dict "name" (printf "%s-kafka" $root.Chart.Name) "key" "password")) | nindent 2 }}
- name: {{ $configuration }}SASL_MECHANISM
  value: SCRAM-SHA-512
- name: {{ $configuration }}SASL_JAAS_CONFIG
  value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="$(KAFKA_USERNAME)" password="$(KAFKA_PASSWORD)";'
{{- end }}
- name: {{ $configuration }}SECURITY_PROTOCOL
  value: {{ $protocol | quote }}
# Topics exist only as KafkaTopic resources (k8s/kafka): a misspelt destination fails instead of inventing a topic
# (the users' ACLs grant no Create either).
- name: SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTOCREATETOPICS
  value: "false"
{{- if $tls }}
# The brokers' certificates are signed by the cluster CA; a PEM trust store needs no keystore file in the pod.
- name: {{ $configuration }}SSL_TRUSTSTORE_TYPE
  value: PEM
- name: {{ $configuration }}SSL_TRUSTSTORE_CERTIFICATES
  {{- include "platform-library.secretRef" (list "global.platform.kafka.caSecret" $kafka.caSecret) | nindent 2 }}
{{- end }}
{{- end -}}
