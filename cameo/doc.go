// Package cameo owns the CAMEO event ontology: the codes with their root,
// quad class, Goldstein value and name, and the crosswalk to PLOVER event
// types. Both are data files (data/cameo/cameo.tsv, data/cameo/plover.tsv)
// compiled by Load into an immutable Ontology.
package cameo
