-- dyad store schema (SQLite). Applied by Open; every statement is idempotent.
CREATE TABLE IF NOT EXISTS documents (
	id        INTEGER PRIMARY KEY,
	ext_id    TEXT NOT NULL UNIQUE,   -- the document's id (made unique)
	hash      TEXT NOT NULL UNIQUE,   -- SHA-256 of the text, hex
	title     TEXT NOT NULL,
	url       TEXT NOT NULL,
	published TEXT NOT NULL,
	lang      TEXT NOT NULL,
	source    TEXT NOT NULL,          -- the publisher, when given
	text      TEXT NOT NULL,
	sentences TEXT NOT NULL,          -- JSON [{"index", "span"}]
	actors    TEXT NOT NULL,          -- JSON [{"span", "code", "name"}]
	mentions  INTEGER NOT NULL,       -- event mentions stored with it: the rows
	first_mention INTEGER NOT NULL,   -- first_mention .. first_mention + mentions - 1
	added     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
	id          INTEGER PRIMARY KEY,
	date        TEXT NOT NULL,
	source      TEXT NOT NULL,
	target      TEXT NOT NULL,        -- '' when the event has no target
	code        TEXT NOT NULL,
	root        TEXT NOT NULL,
	quad        INTEGER NOT NULL,
	goldstein   REAL NOT NULL,
	plover      TEXT NOT NULL,
	src_top     TEXT NOT NULL,        -- country or IGO+org: RUS, IGOEU
	src_country TEXT NOT NULL,
	src_org     TEXT NOT NULL,
	src_roles   TEXT NOT NULL,        -- space separated
	src_name    TEXT NOT NULL,
	tgt_top     TEXT NOT NULL,
	tgt_country TEXT NOT NULL,
	tgt_org     TEXT NOT NULL,
	tgt_roles   TEXT NOT NULL,
	tgt_name    TEXT NOT NULL,
	has_target  INTEGER NOT NULL,
	loc_name    TEXT,
	loc_country TEXT,
	loc_lat     REAL,
	loc_lon     REAL,
	mentions    INTEGER NOT NULL,
	sources     INTEGER NOT NULL,
	documents   INTEGER NOT NULL,
	first_mention INTEGER,
	UNIQUE (source, target, date, code) -- mentions fold on this key; also serves actor filters
);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_src ON events (src_top, date);
CREATE INDEX IF NOT EXISTS events_tgt ON events (tgt_top, date);
CREATE INDEX IF NOT EXISTS events_dyad ON events (src_top, tgt_top, date, quad, goldstein, mentions); -- covers /api/timeline and /api/dyads
CREATE INDEX IF NOT EXISTS events_goldstein ON events (goldstein);
CREATE INDEX IF NOT EXISTS events_mentions ON events (mentions);

CREATE TABLE IF NOT EXISTS mentions (
	id         INTEGER PRIMARY KEY,
	event      INTEGER NOT NULL REFERENCES events (id),
	doc        INTEGER NOT NULL REFERENCES documents (id),
	publisher  TEXT NOT NULL,         -- the document's source, else 'doc:' + its id
	sentence   INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	trig_start INTEGER,
	trig_end   INTEGER,
	text       TEXT NOT NULL,
	modality   TEXT NOT NULL,
	record     TEXT NOT NULL          -- the coder's record, JSON, without its text
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event, publisher, doc);

CREATE VIRTUAL TABLE IF NOT EXISTS mention_text USING fts5 (
	text, content = 'mentions', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS actors (
	code   TEXT NOT NULL,
	name   TEXT NOT NULL,
	events INTEGER NOT NULL,
	PRIMARY KEY (code, name)
);
