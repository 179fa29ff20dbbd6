{{- define "unused" }}never executed{{ end }}
