{{/*
Helpers of a fictional "storefront" platform chart: naming, labels, images,
pods, probes, scheduling and configuration, written the way large community
charts write them.
*/}}

{{/* The chart name, overridable with nameOverride. */}}
{{- define "storefront.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A fully qualified app name: release and chart, at most 63 characters. */}}
{{- define "storefront.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component: fullname-component. */}}
{{- define "storefront.componentName" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- printf "%s-%s" (include "storefront.fullname" $root) $component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Chart name and version as used by the chart label. */}}
{{- define "storefront.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Common labels. */}}
{{- define "storefront.labels" -}}
helm.sh/chart: {{ include "storefront.chart" . }}
{{ include "storefront.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{- range $key, $value := . }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Selector labels. */}}
{{- define "storefront.selectorLabels" -}}
app.kubernetes.io/name: {{ include "storefront.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of one component: common labels plus the component. */}}
{{- define "storefront.componentLabels" -}}
{{- $root := index . 0 }}
{{ include "storefront.labels" $root }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* The service account to use. */}}
{{- define "storefront.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "storefront.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* An image reference: registry/repository:tag or @digest, with global overrides. */}}
{{- define "storefront.image" -}}
{{- $image := index . 0 }}
{{- $root := index . 1 }}
{{- $registry := $image.registry }}
{{- if and $root.Values.global $root.Values.global.imageRegistry }}
{{- $registry = $root.Values.global.imageRegistry }}
{{- end }}
{{- $tag := default $root.Chart.AppVersion $image.tag | toString }}
{{- if $image.digest }}
{{- printf "%s/%s@%s" $registry $image.repository $image.digest }}
{{- else if $registry }}
{{- printf "%s/%s:%s" $registry $image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $image.repository $tag }}
{{- end }}
{{- end }}

{{/* Pull secrets from the global and the chart's lists, without duplicates. */}}
{{- define "storefront.imagePullSecrets" -}}
{{- $secrets := list }}
{{- if .Values.global }}
{{- range .Values.global.imagePullSecrets }}
{{- $secrets = append $secrets . }}
{{- end }}
{{- end }}
{{- range .Values.imagePullSecrets }}
{{- if not (has . $secrets) }}
{{- $secrets = append $secrets . }}
{{- end }}
{{- end }}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* Resource requests and limits, from a preset or explicit values. */}}
{{- define "storefront.resources" -}}
{{- $resources := index . 0 }}
{{- $presets := dict "small" (dict "cpu" "100m" "memory" "128Mi") "medium" (dict "cpu" "500m" "memory" "512Mi") "large" (dict "cpu" "2" "memory" "2Gi") }}
{{- if $resources.preset }}
{{- $p := index $presets $resources.preset }}
requests:
  cpu: {{ $p.cpu }}
  memory: {{ $p.memory }}
limits:
  memory: {{ $p.memory }}
{{- else }}
{{- with $resources.requests }}
requests:
{{- range $k, $v := . }}
  {{ $k }}: {{ $v }}
{{- end }}
{{- end }}
{{- with $resources.limits }}
limits:
{{- range $k, $v := . }}
  {{ $k }}: {{ $v }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Environment variables from a map (sorted) and a list of raw entries. */}}
{{- define "storefront.env" -}}
{{- $component := index . 0 }}
{{- $root := index . 1 }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: RELEASE
  value: {{ $root.Release.Name | quote }}
{{- range $name, $value := $component.env }}
{{- if kindIs "map" $value }}
- name: {{ $name }}
  valueFrom:
{{- if $value.secret }}
    secretKeyRef:
      name: {{ $value.secret }}
      key: {{ default $name $value.key }}
{{- else }}
    configMapKeyRef:
      name: {{ $value.configMap }}
      key: {{ default $name $value.key }}
{{- end }}
{{- else }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- range $component.extraEnv }}
- name: {{ .name }}
  value: {{ .value | quote }}
{{- end }}
{{- end }}

{{/* An HTTP probe with defaults. */}}
{{- define "storefront.probe" -}}
{{- $probe := index . 0 }}
{{- $port := index . 1 }}
{{- if $probe.enabled }}
httpGet:
  path: {{ default "/healthz" $probe.path }}
  port: {{ $port }}
initialDelaySeconds: {{ default 5 $probe.initialDelaySeconds }}
periodSeconds: {{ default 10 $probe.periodSeconds }}
timeoutSeconds: {{ default 1 $probe.timeoutSeconds }}
failureThreshold: {{ default 3 $probe.failureThreshold }}
{{- end }}
{{- end }}

{{/* Soft or hard pod anti-affinity on the component's labels. */}}
{{- define "storefront.affinity" -}}
{{- $component := index . 0 }}
{{- $root := index . 1 }}
{{- $name := index . 2 }}
{{- if $component.affinity }}
{{- toYaml $component.affinity }}
{{- else if eq $component.podAntiAffinity "hard" }}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "storefront.selectorLabels" $root | nindent 10 }}
          app.kubernetes.io/component: {{ $name }}
{{- else if eq $component.podAntiAffinity "soft" }}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "storefront.selectorLabels" $root | nindent 12 }}
            app.kubernetes.io/component: {{ $name }}
{{- end }}
{{- end }}

{{/* Annotations: global, component and checksum, merged. */}}
{{- define "storefront.podAnnotations" -}}
{{- $component := index . 0 }}
{{- $root := index . 1 }}
{{- $annotations := dict }}
{{- range $k, $v := $root.Values.podAnnotations }}
{{- $_ := set $annotations $k $v }}
{{- end }}
{{- range $k, $v := $component.podAnnotations }}
{{- $_ := set $annotations $k $v }}
{{- end }}
{{- if $annotations }}
{{- range $k, $v := $annotations }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* One container of a component. */}}
{{- define "storefront.container" -}}
{{- $component := index . 0 }}
{{- $root := index . 1 }}
{{- $name := index . 2 }}
- name: {{ $name }}
  image: {{ include "storefront.image" (list $component.image $root) | quote }}
  imagePullPolicy: {{ default "IfNotPresent" $component.image.pullPolicy }}
  {{- with $component.args }}
  args:
    {{- range . }}
    - {{ . | quote }}
    {{- end }}
  {{- end }}
  ports:
    {{- range $portName, $port := $component.ports }}
    - name: {{ $portName }}
      containerPort: {{ $port }}
      protocol: TCP
    {{- end }}
  env:
    {{- include "storefront.env" (list $component $root) | nindent 4 }}
  {{- with $component.probes }}
  {{- if .liveness }}
  livenessProbe:
    {{- include "storefront.probe" (list .liveness "http") | nindent 4 }}
  {{- end }}
  {{- if .readiness }}
  readinessProbe:
    {{- include "storefront.probe" (list .readiness "http") | nindent 4 }}
  {{- end }}
  {{- end }}
  resources:
    {{- include "storefront.resources" (list $component.resources) | nindent 4 }}
  securityContext:
    runAsNonRoot: true
    readOnlyRootFilesystem: {{ ne $component.readOnlyRootFilesystem false }}
    allowPrivilegeEscalation: false
{{- end }}
