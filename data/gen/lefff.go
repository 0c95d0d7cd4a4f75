package gen

// lefff writes data/lang/fr/verbs.tsv.gz (French verb forms from the npm
// package french-verbs-lefff, Lefff data) and its licence notice; it needs
// npm and the registry.
//go:generate go run ./lefff/main.go -dir ../lang/fr
