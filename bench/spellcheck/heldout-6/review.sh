#!/bin/sh
# Blanks every error span of pages.jsonl and lists the words of the clean text that `hunspell -d fr` does not know.
cd "$(dirname "$0")"
node -e '
const fs=require("fs");
for (const l of fs.readFileSync("pages.jsonl","utf8").split("\n").filter(Boolean)) {
  const p=JSON.parse(l); let t=p.text;
  for (const e of [...p.errors].sort((a,b)=>b.start-a.start)) t=t.slice(0,e.start)+" ".repeat(e.end-e.start)+t.slice(e.end);
  console.log(t);
}' | hunspell -d fr -l | sort -u > review_unknown.txt
wc -l review_unknown.txt
