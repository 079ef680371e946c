// Mozilla's Readability.js over JSON Lines pages, for extract-bench.py:
// each {"id", "url", "html"} line through jsdom and Readability, one
// {"id", "text"} line out (the article's textContent, "" when it finds
// none). The modules come from MODULES_DIR (an npm install outside the
// repository, see tests/bench/README.md), never from the network.
//
// usage: node readability-js.cjs MODULES_DIR PAGES.jsonl OUT.jsonl
"use strict";
const fs = require("fs");
const path = require("path");

const [dir, pagesPath, outPath] = process.argv.slice(2);
if (!outPath) {
	process.stderr.write("usage: node readability-js.cjs MODULES_DIR PAGES.jsonl OUT.jsonl\n");
	process.exit(2);
}
const { JSDOM, VirtualConsole } = require(path.join(dir, "node_modules", "jsdom"));
const { Readability } = require(path.join(dir, "node_modules", "@mozilla", "readability"));

// jsdom runs no scripts and fetches nothing by default; its console stays quiet
const quiet = new VirtualConsole();
const out = [];
for (const line of fs.readFileSync(pagesPath, "utf8").split("\n")) {
	if (!line.trim())
		continue;
	const page = JSON.parse(line);
	let text = "";
	try {
		const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quiet });
		const article = new Readability(dom.window.document).parse();
		text = article && article.textContent ? article.textContent : "";
		dom.window.close();
	} catch (e) {
		text = "";
	}
	out.push(JSON.stringify({ id: page.id, text: text }));
}
fs.writeFileSync(outPath, out.join("\n") + "\n");
