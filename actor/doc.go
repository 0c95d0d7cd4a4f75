// Package actor owns who the actors of a document are: the compiled actor
// knowledge base (countries by name, adjective, capital, seat of power and
// epithet; organisations and their organs; role nouns; known people with
// their offices and dates; anaphora), and the per-document resolution that
// groups a head with its qualifiers ("le vice-ministre russe des Affaires
// étrangères, Serguei Riabkov"), links name variants and transliterations
// (Riabkov/Ryabkov, Losada/Lozada) and resolves pronouns, pairs ("les deux
// fonctionnaires"), descriptions ("le haut dirigeant") and counterparts.
package actor
