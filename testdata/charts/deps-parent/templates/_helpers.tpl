{{/* The parent's define wins over the subchart's define of the same name. */}}
{{- define "shared.labels" -}}
defined-by: parent
chart: {{ .Chart.Name }}
{{- end }}
