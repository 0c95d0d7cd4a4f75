package sink

import (
	"strings"

	"dyad/event"
)

// Row is one event flattened: the columns of the CSV and Parquet outputs,
// in order. Actor roles are joined with ";". Empty strings stand for absent
// values; the trigger and coordinates are null in Parquet (empty in CSV)
// when unknown.
type Row struct {
	Doc             string   `parquet:"doc"`
	EventID         string   `parquet:"event_id"`
	Sentence        int32    `parquet:"sentence"`
	SpanStart       int32    `parquet:"span_start"`
	SpanEnd         int32    `parquet:"span_end"`
	TriggerStart    *int32   `parquet:"trigger_start,optional"`
	TriggerEnd      *int32   `parquet:"trigger_end,optional"`
	Trigger         string   `parquet:"trigger"`
	Text            string   `parquet:"text"`
	Lang            string   `parquet:"lang"`
	Code            string   `parquet:"code"`
	Root            string   `parquet:"root"`
	Quad            int32    `parquet:"quad"`
	Goldstein       float64  `parquet:"goldstein"`
	Plover          string   `parquet:"plover"`
	SourceCode      string   `parquet:"source_code"`
	SourceCountry   string   `parquet:"source_country"`
	SourceOrg       string   `parquet:"source_org"`
	SourceRoles     string   `parquet:"source_roles"`
	SourceName      string   `parquet:"source_name"`
	SourceText      string   `parquet:"source_text"`
	TargetCode      string   `parquet:"target_code"`
	TargetCountry   string   `parquet:"target_country"`
	TargetOrg       string   `parquet:"target_org"`
	TargetRoles     string   `parquet:"target_roles"`
	TargetName      string   `parquet:"target_name"`
	TargetText      string   `parquet:"target_text"`
	Date            string   `parquet:"date"`
	DateBasis       string   `parquet:"date_basis"`
	Modality        string   `parquet:"modality"`
	LocationText    string   `parquet:"location_text"`
	LocationName    string   `parquet:"location_name"`
	LocationCountry string   `parquet:"location_country"`
	LocationLat     *float64 `parquet:"location_lat,optional"`
	LocationLon     *float64 `parquet:"location_lon,optional"`
	Rule            string   `parquet:"rule"`
	Confidence      float64  `parquet:"confidence"`
	URL             string   `parquet:"url"`
	Title           string   `parquet:"title"`
	Published       string   `parquet:"published"`
}

// Columns are the column names of Row, in order: the CSV header.
var Columns = []string{
	"doc", "event_id", "sentence", "span_start", "span_end", "trigger_start", "trigger_end", "trigger",
	"text", "lang", "code", "root", "quad", "goldstein", "plover",
	"source_code", "source_country", "source_org", "source_roles", "source_name", "source_text",
	"target_code", "target_country", "target_org", "target_roles", "target_name", "target_text",
	"date", "date_basis", "modality",
	"location_text", "location_name", "location_country", "location_lat", "location_lon",
	"rule", "confidence", "url", "title", "published",
}

// Flatten makes the row of one event of doc.
func Flatten(doc event.Document, ev event.Event) Row {
	r := Row{
		Doc: ev.Doc, EventID: ev.EventID, Sentence: int32(ev.Sentence),
		SpanStart: int32(ev.Span.Start()), SpanEnd: int32(ev.Span.End()),
		Trigger: triggerText(doc.Text, ev.Trigger), Text: ev.Text, Lang: ev.Lang,
		Code: ev.Code, Root: ev.Root, Quad: int32(ev.Quad), Goldstein: ev.Goldstein, Plover: ev.Plover,
		SourceCode: ev.Source.Code, SourceCountry: ev.Source.Country, SourceOrg: ev.Source.Org,
		SourceRoles: strings.Join(ev.Source.Roles, ";"), SourceName: ev.Source.Name, SourceText: ev.Source.Text,
		Date: ev.Date, DateBasis: ev.DateBasis, Modality: ev.Modality, Rule: ev.Rule, Confidence: ev.Confidence,
		URL: doc.URL, Title: doc.Title, Published: doc.Published,
	}
	if r.Doc == "" {
		r.Doc = doc.ID
	}
	if ev.Trigger != nil {
		s, e := int32(ev.Trigger.Start()), int32(ev.Trigger.End())
		r.TriggerStart, r.TriggerEnd = &s, &e
	}
	if t := ev.Target; t != nil {
		r.TargetCode, r.TargetCountry, r.TargetOrg = t.Code, t.Country, t.Org
		r.TargetRoles, r.TargetName, r.TargetText = strings.Join(t.Roles, ";"), t.Name, t.Text
	}
	if l := ev.Location; l != nil {
		r.LocationText, r.LocationName, r.LocationCountry = l.Text, l.Name, l.Country
		r.LocationLat, r.LocationLon = l.Lat, l.Lon
	}
	return r
}
