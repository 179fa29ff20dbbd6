{{- define "shared.labels" -}}
defined-by: web
{{- end }}
