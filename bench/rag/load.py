#!/usr/bin/env python3
"""Asks a running maiis server the planted questions (recall@1: the planted file is the first
source; quoted: the answer contains the fact), then times POST /api/chat/message sequentially and
with CLIENTS concurrent clients. Prints markdown rows; progress on stderr.

  load.py BASE_URL TOKEN PLANTED_TSV QUESTIONS_TSV SEQUENTIAL CLIENTS CONCURRENT
  load.py during BASE_URL TOKEN QUESTIONS_TSV STOP_FILE
      one client asking one question after another until STOP_FILE exists (run beside an ingest)
"""
import os
import http.client
import json
import sys
import threading
import time
import urllib.parse


def ask(conn, token, question):
    body = json.dumps({"message": question})
    conn.request("POST", "/api/chat/message", body,
                 {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit("bench/rag/load.py: HTTP %d for %r: %s" % (r.status, question, data[:200]))
    return json.loads(data)


def pct(sorted_ms, p):
    return sorted_ms[min(len(sorted_ms) - 1, int(round(p * (len(sorted_ms) - 1))))]


def during(base, token, questions_tsv, stop_file):
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    questions = [l.split("\t")[0] for l in open(questions_tsv, encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
    ms = []
    t0 = time.perf_counter()
    while not os.path.exists(stop_file):
        s = time.perf_counter()
        ask(conn, token, questions[len(ms) % len(questions)])
        ms.append((time.perf_counter() - s) * 1000)
        if ms[-1] > 1000:
            print("progress: a question took %.0f ms, %.0f s into the ingest" % (ms[-1], s - t0),
                  file=sys.stderr)
    ms.sort()
    print("| POST /api/chat/message while the ingest runs, 1 client | requests | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    print("| one question after another | %d | %.1f | %.1f | %.1f | %.1f |"
          % (len(ms), pct(ms, .5), pct(ms, .95), pct(ms, .99), ms[-1]))


def main():
    if sys.argv[1] == "during":
        during(*sys.argv[2:6])
        return
    base, token, planted_tsv, questions_tsv = sys.argv[1:5]
    sequential, clients, concurrent = map(int, sys.argv[5:8])
    u = urllib.parse.urlparse(base)
    connect = lambda: http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    planted = [l.rstrip("\n").split("\t") for l in open(planted_tsv, encoding="utf-8") if l.strip()]
    questions = [l.split("\t")[0] for l in open(questions_tsv, encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
    questions += [p[0] for p in planted]
    conn = connect()
    top1 = quoted = 0
    for q, name, phrase in planted:
        a = ask(conn, token, q)
        first = a["sources"][0]["filename"] if a["sources"] else ""
        ok1, okq = first == name, phrase.lower() in a["response"].lower()
        top1 += ok1
        quoted += okq
        print("progress: planted %-70s top-1 %s, quoted %s" % (q, "yes" if ok1 else "NO (" + first + ")",
              "yes" if okq else "no"), file=sys.stderr)
    print("| planted facts (10, asked in other words) | top-1 source %d/%d | answer quotes the fact %d/%d |"
          % (top1, len(planted), quoted, len(planted)))
    print()
    for q in questions[:20]:  # warm-up
        ask(conn, token, q)
    ms = []
    t0 = time.time()
    for i in range(sequential):
        s = time.perf_counter()
        ask(conn, token, questions[i % len(questions)])
        ms.append((time.perf_counter() - s) * 1000)
    seq_rate = sequential / (time.time() - t0)
    ms.sort()
    print("progress: sequential done", file=sys.stderr)
    lat = []
    lock = threading.Lock()
    counter = [0]

    def client():
        c = connect()
        while True:
            with lock:
                i = counter[0]
                counter[0] += 1
            if i >= concurrent:
                return
            s = time.perf_counter()
            ask(c, token, questions[i % len(questions)])
            with lock:
                lat.append((time.perf_counter() - s) * 1000)

    t0 = time.time()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rate = concurrent / (time.time() - t0)
    lat.sort()
    print("| POST /api/chat/message (extractive) | requests | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    print("| 1 client, sequential | %d | %.1f | %.1f | %.1f | %.1f |"
          % (sequential, seq_rate, pct(ms, .5), pct(ms, .95), pct(ms, .99)))
    print("| %d clients | %d | %.1f | %.1f | %.1f | %.1f |"
          % (clients, concurrent, rate, pct(lat, .5), pct(lat, .95), pct(lat, .99)))


if __name__ == "__main__":
    main()
