package segment_test

import "strings"

// benchText is a few KB of dispatch-like French, written for these tests.
var benchText = strings.Repeat(`Paris, 3 mars (Agence) Le ministre des Affaires
étrangères, M. Jean Dupont, a reçu mardi son homologue du Mali, Mme. Aminata
Traoré, pour des entretiens sur la coopération sécuritaire et l’aide au
développement, a-t-on appris auprès du ministère.

« Nous voulons renforcer nos liens », a déclaré le chef de la diplomatie, qui
a rappelé l’engagement de la France au Sahel depuis 2013. Les deux responsables
ont signé un accord de 1,5 million d'euros, selon un communiqué.

Aujourd'hui, la porte-parole du gouvernement malien a salué cette visite. Le
vice-premier ministre, M. Ibrahim G. Keïta, se rendra à Paris le 19 avril
prochain, précise-t-elle.

RÉUNION À BAMAKO
Les ministres de la CEDEAO se réuniront jeudi pour examiner la situation
sécuritaire dans la région des trois frontières, etc. Aucun accord n'est
attendu avant la fin de l'année...
`, 4)
