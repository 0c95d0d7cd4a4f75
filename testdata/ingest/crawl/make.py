# Builds news.warc.gz (gzip per record, Common Crawl style, with one corrupt
# record) and news.warc (plain) from the pages in ../web. Run from this
# folder: python3 make.py
import gzip, io

def record(typ, uri, date, ctype, block, rid):
    h = ["WARC/1.0", "WARC-Type: " + typ, "WARC-Record-ID: <urn:uuid:%s>" % rid,
         "WARC-Date: " + date, "Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    if uri:
        h.insert(2, "WARC-Target-URI: " + uri)
    return ("\r\n".join(h) + "\r\n\r\n").encode() + block + b"\r\n\r\n"

def http(status, ctype, body):
    head = "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (status, ctype, len(body))
    return head.encode() + body

fr = open("../web/rencontre.html", "rb").read()
es = open("../web/reunion-es.htm", "rb").read()
png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
U = "https://quotidien.example/monde/2021/11/17/lavrov-le-drian-paris"
recs = [
    record("warcinfo", None, "2021-11-18T06:00:00Z", "application/warc-fields",
           b"software: dyad test fixture\r\nformat: WARC File Format 1.0\r\n", "00000000-0000-4000-8000-000000000000"),
    record("request", U, "2021-11-18T06:00:01Z", "application/http; msgtype=request",
           b"GET /monde/2021/11/17/lavrov-le-drian-paris HTTP/1.1\r\nHost: quotidien.example\r\n\r\n", "00000000-0000-4000-8000-000000000001"),
    record("response", U, "2021-11-18T06:00:01Z", "application/http; msgtype=response",
           http("200 OK", "text/html; charset=utf-8", fr), "00000000-0000-4000-8000-000000000002"),
    record("response", "https://quotidien.example/pub.jpg", "2021-11-18T06:00:02Z", "application/http; msgtype=response",
           http("200 OK", "image/png", png), "00000000-0000-4000-8000-000000000003"),
    record("response", "https://diario.example/roto", "2021-11-19T07:00:00Z", "application/http; msgtype=response",
           http("200 OK", "text/html; charset=utf-8", es), "00000000-0000-4000-8000-000000000004"),
    record("response", "https://diario.example/internacional/canciller-cubano-venezolano", "2021-11-20T07:00:00Z",
           "application/http; msgtype=response", http("200 OK", "text/html; charset=utf-8", es), "00000000-0000-4000-8000-000000000005"),
    record("response", "https://quotidien.example/ancien", "2021-11-20T07:00:01Z", "application/http; msgtype=response",
           http("301 Moved Permanently", "text/html", b"<html><body>Moved</body></html>"), "00000000-0000-4000-8000-000000000006"),
    record("metadata", U, "2021-11-20T07:00:02Z", "application/warc-fields",
           b"fetchTimeMs: 120\r\n", "00000000-0000-4000-8000-000000000007"),
]

def member(b):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as z:
        z.write(b)
    return out.getvalue()

members = [member(r) for r in recs]
bad = bytearray(members[4])
mid = len(bad) // 2
bad[mid:mid + 40] = b"\xff" * 40  # corrupt the deflate data of record 5
members[4] = bytes(bad)
open("news.warc.gz", "wb").write(b"".join(members))
offs, o = [], 0
for m in members:
    offs.append(o); o += len(m)
print("member offsets:", offs)
open("news.warc", "wb").write(b"".join(r for i, r in enumerate(recs) if i != 4))
