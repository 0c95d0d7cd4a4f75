package actor

import "testing"

func TestKey(t *testing.T) {
	same := [][2]string{
		{"riabkov", "ryabkov"}, {"zakharova", "zajarova"}, {"borissov", "borisov"},
		{"serguei", "sergey"}, {"losada", "lozada"}, {"gouskov", "guskov"},
		{"kalachnikov", "kalashnikov"}, {"medvedev", "medvedev"}, {"tchernychev", "chernyshev"},
	}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q)=%q, Key(%q)=%q: want equal", p[0], Key(p[0]), p[1], Key(p[1]))
		}
	}
	differ := [][2]string{{"maduro", "madero"}, {"biden", "bidet"}, {"lavrov", "lazarov"}, {"castro", "castillo"}}
	for _, p := range differ {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) = %q: want different", p[0], p[1], Key(p[0]))
		}
	}
}
