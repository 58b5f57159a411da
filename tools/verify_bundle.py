#!/usr/bin/env python3
"""Second, independent verifier of a burgerbegroting audit bundle.

Written from docs/audit-export.md only. Standard library for the log, the hashes and the
replay; the Ed25519 signatures use the `cryptography` package (pip install cryptography).

    python3 tools/verify_bundle.py BUNDLE [--previous OLD] [--key KEY.pub] [--json] [--lang en]

Exit code 0 when every check of section 5 holds; otherwise 1 and the first failure with
its file (and line).
"""

import argparse
import base64
import csv
import datetime
import hashlib
import io
import json
import os
import sys

EM_DASH = "\u2014"


class Failure(Exception):
    def __init__(self, file, line, nl, en):
        super().__init__(en)
        self.file, self.line, self.nl, self.en = file, line, nl, en


def sha256(b):
    return hashlib.sha256(b).digest()


def leaf_hash(b):
    return sha256(b"\x00" + b)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def mth(hashes, lo, hi):
    n = hi - lo
    if n == 0:
        return sha256(b"")
    if n == 1:
        return hashes[lo]
    k = 1
    while k << 1 < n:
        k <<= 1
    return node_hash(mth(hashes, lo, lo + k), mth(hashes, lo + k, hi))


def verify_consistency(old_size, new_size, proof, old_root, new_root):
    """RFC 9162 section 2.1.4.2."""
    if old_size == 0 or old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root


# ---- keys and signed notes (docs section 1.3) ----------------------------------------

def parse_verifier(text):
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        return None
    name, id_hex, b64 = parts
    try:
        data = base64.b64decode(b64, validate=True)
    except Exception:
        return None
    if not name or len(data) != 33 or data[0] != 1 or base64.b64encode(data).decode() != b64:
        return None
    pub = data[1:]
    key_id = sha256(name.encode() + b"\n" + b"\x01" + pub)[:4]
    if key_id.hex() != id_hex.lower():
        return None
    return name, pub, key_id


def ed25519_ok(pub, sig, msg):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
        return True
    except InvalidSignature:
        return False


def open_note(text, key):
    """Returns the note text (ending in \\n) when a signature line by `key` verifies."""
    name, pub, key_id = key
    at = text.find("\n\n")
    if at < 0:
        return None
    body, sigs = text[: at + 1], text[at + 2:]
    if not sigs.endswith("\n"):
        return None
    ok = False
    for line in sigs[:-1].split("\n"):
        if not line.startswith(EM_DASH):
            return None
        prefix = EM_DASH + " " + name + " "
        if not line.startswith(prefix):
            continue
        try:
            blob = base64.b64decode(line[len(prefix):], validate=True)
        except Exception:
            continue
        # Only canonical base64 (unused bits zero), as the document requires.
        if base64.b64encode(blob).decode() != line[len(prefix):]:
            continue
        if len(blob) == 68 and blob[:4] == key_id and ed25519_ok(pub, blob[4:], body.encode()):
            ok = True
    return body if ok else None


def open_checkpoint(text, file, key):
    body = open_note(text, key)
    if body is None:
        raise Failure(file, None, "het controlepunt is niet geldig ondertekend",
                      "the checkpoint is not validly signed")
    lines = body[:-1].split("\n")
    if len(lines) < 3:
        raise Failure(file, None, "onleesbaar controlepunt", "unreadable checkpoint")
    origin, size, root_b64 = lines[0], lines[1], lines[2]
    if not size.isdigit() or (len(size) > 1 and size[0] == "0"):
        raise Failure(file, 2, "onleesbare grootte", "unreadable size")
    try:
        root = base64.b64decode(root_b64, validate=True)
    except Exception:
        root = b""
    if len(root) != 32 or base64.b64encode(root).decode() != root_b64:
        raise Failure(file, 3, "onleesbare wortel", "unreadable root")
    if origin != key[0]:
        raise Failure(file, 1, "de herkomst is niet de sleutelnaam", "the origin is not the key name")
    return origin, int(size), root


# ---- Dutch calendar days (docs section 1.1) -------------------------------------------

def _last_sunday_0100(year, month):
    day = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
    day -= datetime.timedelta(days=(day.weekday() - 6) % 7)
    return datetime.datetime(day.year, day.month, day.day, 1, 0, 0)


def dutch_date(at):
    """The Dutch calendar day (YYYY-MM-DD) of an event's `at`, or None when unreadable:
    UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC,
    UTC+1 otherwise (no tz database needed)."""
    try:
        utc = datetime.datetime.strptime(at[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    summer = _last_sunday_0100(utc.year, 3) <= utc < _last_sunday_0100(utc.year, 10)
    return (utc + datetime.timedelta(hours=2 if summer else 1)).date().isoformat()


# ---- CSV (docs section 3.2) -----------------------------------------------------------

def eur(cents):
    sign = "-" if cents < 0 else ""
    a = abs(cents)
    return "%s%d,%02d" % (sign, a // 100, a % 100)


def cell(v):
    if v is None:
        v = ""
    if not isinstance(v, str):
        v = json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        v = "'" + v
    if any(c in v for c in ';"\r\n'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def csv_text(header, rows):
    out = ["\ufeff" + ";".join(header) + "\r\n"]
    for r in rows:
        out.append(";".join(r) + "\r\n")
    return "".join(out)


def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def text_of(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return canonical(v)


# ---- the replay (docs section 3.1) ----------------------------------------------------

class Replay:
    def __init__(self):
        self.accounts = {}  # id -> (kind, name, order)
        self.balances = {}
        self.movements = []
        self.budget_lines = []
        self.rounds = {}
        self.pending = {}
        self.seen = set()

    def fail(self, seq, nl, en):
        raise Failure("events.jsonl", seq, nl, en)

    def account(self, acc, kind, name):
        if acc not in self.accounts:
            self.accounts[acc] = (kind, name, len(self.accounts))

    def round(self, rid):
        return self.rounds.setdefault(rid, {"id": rid, "rules": None, "fingerprint": None,
                                            "ballots": [], "closed": None})

    def new_transfer(self, seq, tid, after):
        if tid in self.seen:
            self.fail(seq, "overboeking komt twee keer voor", "transfer appears twice")
        self.seen.add(tid)
        corr = text_of(after.get("correction_of"))
        if corr and (corr == tid or corr not in self.seen):
            self.fail(seq, "correctie verwijst niet naar een eerdere overboeking",
                      "correction does not refer to an earlier transfer")

    def move(self, seq, at, date, tid, t):
        amount = t.get("amount_cents")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            self.fail(seq, "bedrag niet positief", "amount not positive")
        debit, credit = text_of(t.get("debit")), text_of(t.get("credit"))
        if debit == credit:
            self.fail(seq, "overboeking naar de eigen rekening", "transfer to its own account")
        memo = text_of(t.get("memo"))
        if text_of(t.get("kind")) == "commitment" and credit not in self.accounts:
            self.account(credit, "initiative", memo)
        # A plan's paid-out account is made by its first payment (docs/ledger.md).
        if text_of(t.get("kind")) == "payment" and credit not in self.accounts:
            self.account(credit, "paid_out", memo)
        for a in (debit, credit):
            if a not in self.accounts:
                self.fail(seq, "onbekende rekening " + a, "unknown account " + a)
        self.balances[credit] = self.balances.get(credit, 0) + amount
        self.balances[debit] = self.balances.get(debit, 0) - amount
        if self.accounts[debit][0] != "funder" and self.balances[debit] < 0:
            self.fail(seq, "rekening onder nul", "account below zero")
        self.movements.append({
            "seq": seq, "at": at, "date": date, "transfer": tid,
            "kind": text_of(t.get("kind")), "debit": debit, "credit": credit, "amount": amount,
            "memo": memo, "decision_ref": text_of(t.get("decision_ref")),
            "correction_of": text_of(t.get("correction_of")),
        })

    def apply(self, seq, ev):
        action = ev.get("action")
        after = ev.get("after") if isinstance(ev.get("after"), dict) else {}
        entity = ev.get("entity") if isinstance(ev.get("entity"), dict) else {}
        eid = text_of(entity.get("id"))
        at = text_of(ev.get("at"))
        date = dutch_date(at)
        if date is None:
            self.fail(seq, "onleesbaar tijdstip", "unreadable time")
        if action == "funder.created":
            self.account(text_of(after.get("account")), "funder", text_of(after.get("name")))
        elif action == "area.created":
            self.account(text_of(after.get("pool_account")), "pool", "Pot " + text_of(after.get("name")))
        elif action == "budget_line.imported":
            line = {k: after.get(k) for k in ("fiscal_year", "code", "name", "taakveld", "funder",
                                              "amount_cents", "account")}
            line["id"] = eid
            self.account(text_of(line["account"]), "budget_line", "%s %s %s" % (
                line["fiscal_year"], text_of(line["code"]), text_of(line["name"])))
            self.budget_lines.append(line)
        elif action == "transfer.posted":
            self.new_transfer(seq, eid, after)
            self.move(seq, at, date, eid, after)
        elif action == "transfer.proposed":
            self.new_transfer(seq, eid, after)
            self.pending[eid] = after
        elif action == "transfer.approved":
            if eid not in self.pending:
                self.fail(seq, "goedgekeurd zonder voorstel", "approved without a proposal")
            self.move(seq, at, date, eid, self.pending.pop(eid))
        elif action == "transfer.rejected":
            if eid not in self.pending:
                self.fail(seq, "afgewezen zonder voorstel", "rejected without a proposal")
            del self.pending[eid]
        elif action == "round.voting_opened":
            rules = canonical(after.get("rules"))
            if hashlib.sha256(rules.encode()).hexdigest() != after.get("fingerprint"):
                self.fail(seq, "vingerafdruk van de regels klopt niet", "rules fingerprint does not match")
            r = self.round(eid)
            r["rules"], r["fingerprint"] = rules, after.get("fingerprint")
        elif action == "ballot.cast":
            self.round(eid)["ballots"].append((text_of(after.get("tracker")),
                                               [text_of(c) for c in after.get("choices") or []]))
        elif action == "round.closed":
            self.round(eid)["closed"] = {"seq": seq, "date": date, "ballots": after.get("ballots"),
                                         "pb": after.get("ballots_pb_sha256"),
                                         "selected": after.get("selected") or [],
                                         "spent": after.get("spent_cents")}

    def finish(self, last):
        if sum(self.balances.values()) != 0:
            self.fail(last, "saldi tellen niet op tot 0", "balances do not sum to 0")


def in_period(date, period):
    f, t = period
    return (f is None or date >= f) and (t is None or date <= t)


def expected_csvs(r, period):
    name = lambda a: r.accounts.get(a, ("", "", 0))[1]
    transfers = csv_text(
        ["event_seq", "posted_at", "transfer_id", "kind", "from_account", "from_name", "to_account",
         "to_name", "amount_eur", "memo", "decision_ref", "correction_of"],
        [[str(m["seq"]), cell(m["at"]), cell(m["transfer"]), cell(m["kind"]), cell(m["debit"]),
          cell(name(m["debit"])), cell(m["credit"]), cell(name(m["credit"])), eur(m["amount"]),
          cell(m["memo"]), cell(m["decision_ref"]), cell(m["correction_of"])]
         for m in r.movements if in_period(m["date"], period)])
    bal = {a: [0, 0, 0] for a in r.accounts}
    f, t = period
    for m in r.movements:
        if t is not None and m["date"] > t:
            continue
        before = f is not None and m["date"] < f
        if before:
            bal[m["credit"]][0] += m["amount"]
            bal[m["debit"]][0] -= m["amount"]
        else:
            bal[m["credit"]][1] += m["amount"]
            bal[m["debit"]][2] += m["amount"]
    closing = {a: v[0] + v[1] - v[2] for a, v in bal.items()}
    order = sorted(r.accounts.items(), key=lambda kv: kv[1][2])
    balances = csv_text(
        ["account_id", "kind", "name", "opening_eur", "in_eur", "out_eur", "closing_eur"],
        [[cell(a), cell(k), cell(n), eur(bal[a][0]), eur(bal[a][1]), eur(bal[a][2]), eur(closing[a])]
         for a, (k, n, _) in order])
    lines = csv_text(
        ["budget_line_id", "fiscal_year", "code", "name", "taakveld", "funder", "amount_eur",
         "account_id", "closing_balance_eur"],
        [[cell(l["id"]), str(l["fiscal_year"]), cell(l["code"]), cell(l["name"]), cell(l["taakveld"]),
          cell(l["funder"]), eur(l["amount_cents"] or 0), cell(l["account"]),
          eur(closing.get(text_of(l["account"]), 0))]
         for l in r.budget_lines])
    return {"ledger/transfers.csv": transfers, "ledger/balances.csv": balances,
            "ledger/budget_lines.csv": lines}


def first_difference(got, want):
    g, w = got.split("\n"), want.split("\n")
    for i in range(max(len(g), len(w))):
        if (g[i] if i < len(g) else None) != (w[i] if i < len(w) else None):
            return i + 1
    return 1


# ---- the checks (docs section 5) ------------------------------------------------------

def read(d, rel):
    try:
        with open(os.path.join(d, *rel.split("/")), "rb") as fh:
            return fh.read()
    except OSError as e:
        raise Failure(rel, None, "ontbreekt of onleesbaar (%s)" % e, "missing or unreadable (%s)" % e)


def text(d, rel):
    try:
        return read(d, rel).decode("utf-8")
    except UnicodeDecodeError:
        raise Failure(rel, None, "geen UTF-8", "not UTF-8")


def rewritten_line(previous, old_size, old_root, leaves):
    """The first line that differs from the earlier bundle's own events.jsonl, when that
    file is there and gives its checkpoint's root; else None."""
    try:
        with open(os.path.join(previous, "events.jsonl"), "rb") as fh:
            old = [leaf_hash(x) for x in fh.read().split(b"\n")[:old_size]]
    except OSError:
        return None
    if len(old) != old_size or mth(old, 0, old_size) != old_root:
        return None
    for i, (a, b) in enumerate(zip(old, leaves)):
        if a != b:
            return i + 1
    return None


def verify(d, previous=None, key_path=None):
    info = {"key_source": key_path or "key.pub", "events": 0, "rounds": 0, "previous_checked": False}
    # 1
    mbytes = read(d, "manifest.json")
    try:
        manifest = json.loads(mbytes.decode("utf-8"))
    except ValueError as e:
        raise Failure("manifest.json", getattr(e, "lineno", None), "geen geldige JSON", "not valid JSON")
    if manifest.get("format") != "burgerbegroting-audit-bundle" or manifest.get("version") != 1:
        raise Failure("manifest.json", None, "onbekend formaat", "unknown format")
    # 2
    if key_path:
        try:
            with open(key_path, encoding="utf-8") as fh:
                key_text, key_file = fh.read(), key_path
        except OSError as e:
            raise Failure(key_path, None, "onleesbaar", "unreadable (%s)" % e)
    else:
        key_text, key_file = text(d, "key.pub"), "key.pub"
    key = parse_verifier(key_text)
    if key is None:
        raise Failure(key_file, 1, "geen geldige publieke sleutel", "not a valid verifier key")
    # 3
    sig = text(d, "manifest.sig")
    want_body = "burgerbegroting.nl/audit-bundle@v1\nsha256 %s\n" % hashlib.sha256(mbytes).hexdigest()
    if sig.split("\n\n")[0] + "\n" != want_body:
        raise Failure("manifest.sig", 2, "SHA-256 van manifest.json klopt niet", "SHA-256 of manifest.json does not match")
    if open_note(sig, key) != want_body:
        raise Failure("manifest.sig", 4, "handtekening ongeldig", "signature not valid")
    # 4
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise Failure("manifest.json", None, "'files' ontbreekt", "'files' is missing")
    events_changed = False
    for rel, want in sorted(files.items()):
        if hashlib.sha256(read(d, rel)).hexdigest() != want:
            if rel == "events.jsonl":
                events_changed = True  # named by its line below when leaf_hashes.txt holds
                continue
            raise Failure(rel, None, "SHA-256 wijkt af van manifest.json", "SHA-256 differs from manifest.json")
    if events_changed:
        ev_lines = read(d, "events.jsonl").split(b"\n")
        lh_lines = read(d, "leaf_hashes.txt").split(b"\n") if "leaf_hashes.txt" in files else []
        line = None
        for i in range(max(len(ev_lines), len(lh_lines))):
            if i >= len(ev_lines) or i >= len(lh_lines):
                line = i + 1
                break
            if ev_lines[i] == b"" and lh_lines[i] == b"":
                continue
            if leaf_hash(ev_lines[i]).hex().encode() != lh_lines[i]:
                line = i + 1
                break
        raise Failure("events.jsonl", line if lh_lines else None,
                      "gebeurtenis veranderd (SHA-256 wijkt af van manifest.json)",
                      "event changed (SHA-256 differs from manifest.json)")
    if "leaf_hashes.txt" not in files:
        raise Failure("leaf_hashes.txt", None, "ontbreekt in manifest.json", "missing from manifest.json")
    for root, _dirs, names in os.walk(d):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), d).replace(os.sep, "/")
            if rel not in ("manifest.json", "manifest.sig") and rel not in files:
                raise Failure(rel, None, "staat niet in manifest.json", "not listed in manifest.json")
    # 5
    origin, size, root = open_checkpoint(text(d, "checkpoint.txt"), "checkpoint.txt", key)
    mc = manifest.get("checkpoint") or {}
    if mc.get("origin") != origin or mc.get("size") != size or mc.get("root_hex") != root.hex():
        raise Failure("manifest.json", None, "controlepunt wijkt af van checkpoint.txt",
                      "checkpoint differs from checkpoint.txt")
    # 6
    raw = read(d, "events.jsonl")
    if raw and not raw.endswith(b"\n"):
        raise Failure("events.jsonl", raw.count(b"\n") + 1, "laatste regel zonder regeleinde", "last line without newline")
    lines = raw.split(b"\n")[:-1] if raw else []
    leaves, events = [], []
    for i, line in enumerate(lines):
        seq = i + 1
        try:
            ev = json.loads(line.decode("utf-8"))
        except ValueError:
            raise Failure("events.jsonl", seq, "geen geldige JSON", "not valid JSON")
        if canonical(ev).encode("utf-8") != line:
            raise Failure("events.jsonl", seq, "niet canoniek", "not canonical")
        if not isinstance(ev, dict) or ev.get("seq") != seq or ev.get("v") != 1:
            raise Failure("events.jsonl", seq, "seq of v klopt niet", "seq or v is wrong")
        leaves.append(leaf_hash(line))
        events.append(ev)
    info["events"] = len(leaves)
    want_lh = b"".join(h.hex().encode() + b"\n" for h in leaves)
    got_lh = read(d, "leaf_hashes.txt")
    if got_lh != want_lh:
        g, w = got_lh.split(b"\n"), want_lh.split(b"\n")
        n = next((i for i in range(max(len(g), len(w))) if i >= len(g) or i >= len(w) or g[i] != w[i]), 0)
        raise Failure("leaf_hashes.txt", n + 1, "is niet de leaf-hash van die regel", "is not the leaf hash of that line")
    if len(leaves) != size:
        raise Failure("events.jsonl", None, "aantal regels is niet de grootte", "line count is not the size")
    if mth(leaves, 0, len(leaves)) != root:
        raise Failure("events.jsonl", None, "Merkle-wortel klopt niet", "Merkle root does not match")
    # 7: the earlier bundle the reader trusts first, then the proof in the bundle
    if previous:
        shown = previous.rstrip("/") + "/checkpoint.txt"
        try:
            with open(os.path.join(previous, "checkpoint.txt"), encoding="utf-8") as fh:
                ptxt = fh.read()
        except OSError as e:
            raise Failure(shown, None, "onleesbaar", "unreadable (%s)" % e)
        _o, old_size, old_root = open_checkpoint(ptxt, shown, key)
        if old_size > size:
            raise Failure("checkpoint.txt", None, "kleiner dan de eerdere bundel", "smaller than the earlier bundle")
        if mth(leaves, 0, old_size) != old_root:
            raise Failure("events.jsonl", rewritten_line(previous, old_size, old_root, leaves),
                          "geschiedenis herschreven", "history was rewritten")
        info["previous_checked"] = True
    if manifest.get("previous") is not None:
        _o, old_size, old_root = open_checkpoint(text(d, "previous/checkpoint.txt"), "previous/checkpoint.txt", key)
        ptext = text(d, "previous/consistency-proof.txt")
        plines = ptext[:-1].split("\n") if ptext.endswith("\n") else []
        try:
            assert plines[0] == "burgerbegroting.nl/consistency-proof@v1"
            o, n = int(plines[1][len("old "):]), int(plines[2][len("new "):])
            assert plines[1].startswith("old ") and plines[2].startswith("new ")
            proof = [base64.b64decode(x, validate=True) for x in plines[3:]]
            assert all(len(x) == 32 and base64.b64encode(x).decode() == y for x, y in zip(proof, plines[3:]))
        except Exception:
            raise Failure("previous/consistency-proof.txt", None, "onleesbaar bewijs", "malformed proof")
        if o != old_size or n != size or not verify_consistency(o, n, proof, old_root, root):
            raise Failure("previous/consistency-proof.txt", None, "consistentiebewijs klopt niet",
                          "consistency proof does not hold")
    # 8
    r = Replay()
    for i, ev in enumerate(events):
        r.apply(i + 1, ev)
    r.finish(size)
    # 9
    period = ((manifest.get("period") or {}).get("from"), (manifest.get("period") or {}).get("to"))
    for rel, want in expected_csvs(r, period).items():
        got = text(d, rel)
        if got != want:
            raise Failure(rel, first_difference(got, want), "regel klopt niet met het logboek",
                          "line does not match the log")
    # 10
    closed = [x for x in r.rounds.values() if x["closed"] and in_period(x["closed"]["date"], period)]
    dirs = {"rounds/" + x["id"] for x in closed}
    for rel in files:
        if rel.startswith("rounds/") and "rounds/" + rel.split("/")[1] not in dirs:
            raise Failure(rel, None, "ronde niet in deze periode geteld", "round not counted in this period")
    for x in sorted(closed, key=lambda x: x["closed"]["seq"]):
        base = "rounds/" + x["id"]
        if text(d, base + "/rules.json") != x["rules"]:
            raise Failure(base + "/rules.json", 1, "regels wijken af", "rules differ")
        if text(d, base + "/fingerprint.txt") != hashlib.sha256(x["rules"].encode()).hexdigest() + "\n":
            raise Failure(base + "/fingerprint.txt", 1, "vingerafdruk klopt niet", "fingerprint does not match")
        pb = read(d, base + "/ballots.pb")
        if hashlib.sha256(pb).hexdigest() != x["closed"]["pb"]:
            raise Failure(base + "/ballots.pb", None, "stembiljetten niet die van het sluiten",
                          "ballots are not those of the closing")
        check_pb_voters(base + "/ballots.pb", pb.decode("utf-8"), x)
        try:
            res = json.loads(text(d, base + "/result.json"))
        except ValueError:
            raise Failure(base + "/result.json", None, "geen geldige JSON", "not valid JSON")
        if (res.get("selected") != x["closed"]["selected"] or res.get("spent_cents") != x["closed"]["spent"]
                or (res.get("turnout") or {}).get("ballots") != x["closed"]["ballots"]
                or res.get("voters") != x["closed"]["ballots"]):
            raise Failure(base + "/result.json", None, "uitslag wijkt af van het logboek", "result differs from the log")
    info["rounds"] = len(closed)
    return info


def check_pb_voters(rel, pb, rnd):
    """The .pb voters are exactly the round's ballot.cast events (tracker, plan numbers)."""
    rules = json.loads(rnd["rules"])
    number = {i["id"]: str(i["number"]) for i in rules.get("initiatives", [])}
    want = sorted((t, ",".join(sorted((number.get(c, "?") for c in cs), key=int_or_text)))
                  for t, cs in rnd["ballots"])
    lines = pb.split("\n")
    try:
        start = lines.index("VOTES") + 2
    except ValueError:
        raise Failure(rel, None, "geen VOTES-deel", "no VOTES section")
    got = []
    for row in csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=";"):
        if row:
            got.append((row[0], ",".join(sorted(row[1].split(","), key=int_or_text)) if row[1] else ""))
    if sorted(got) != want:
        raise Failure(rel, None, "de kiezers in het .pb-bestand zijn niet de ballot.cast-gebeurtenissen",
                      "the .pb voters are not the ballot.cast events")


def int_or_text(s):
    return (0, int(s), "") if s.isdigit() else (1, 0, s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bundle")
    ap.add_argument("--previous")
    ap.add_argument("--key")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--lang", choices=["nl", "en"], default="nl")
    a = ap.parse_args()
    try:
        info = verify(a.bundle, a.previous, a.key)
        verdict = {"ok": True, **info, "failure": None}
    except Failure as f:
        verdict = {"ok": False, "failure": {"file": f.file, "line": f.line, "message_nl": f.nl,
                                            "message_en": f.en}}
    if a.json:
        print(json.dumps(verdict, indent=2, ensure_ascii=False))
    elif verdict["ok"]:
        def count(n, one_en, many_en, one_nl, many_nl):
            words = (one_en, many_en) if a.lang == "en" else (one_nl, many_nl)
            return "%d %s" % (n, words[0] if n == 1 else words[1])
        print("OK: %s, %s%s" % (
            count(verdict["events"], "event", "events", "gebeurtenis", "gebeurtenissen"),
            count(verdict["rounds"], "round", "rounds", "ronde", "rondes"),
            "" if verdict["key_source"] != "key.pub" else
            (" (bundle's own key)" if a.lang == "en" else " (sleutel uit de bundel)")))
    else:
        f = verdict["failure"]
        where = f["file"] + ("" if f["line"] is None else (", line %d" if a.lang == "en" else ", regel %d") % f["line"])
        print(("FAILED: %s: %s" if a.lang == "en" else "AFGEKEURD: %s: %s") % (
            where, f["message_en"] if a.lang == "en" else f["message_nl"]))
    return 0 if verdict["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
