// The contract checks of api/openapi.json, with packages that know nothing of Orgs:
//
//   node contract.mjs document  OPENAPI.json             swagger-parser validates the document as
//                                                          OpenAPI 3.1, plus the house rules below
//   node contract.mjs readme    OPENAPI.json README.md   README's HTTP tables and the document
//                                                          name the same operations
//   node contract.mjs responses OPENAPI.json DIR         every exchange the end-to-end suites
//                                                          recorded into DIR/*.jsonl
//                                                          (tests/src/support/ExchangeLog.h) is
//                                                          one the document allows
//
// An exchange is allowed when its request matches an operation (path template under the
// document's server path, and method), the status is one of the operation's responses, the
// content type is one that response lists (none for 204 and 304), and the body validates (ajv,
// JSON Schema 2020-12, the dialect of OpenAPI 3.1) against that response's schema. Problem
// responses list their codes as an enum on "code", so a code the document does not list fails
// too. A request that matches no path must be answered 404 "no_route"; a path without that
// method 405 "method_not_allowed"; an undecodable one 400 "invalid_encoding"
// (components.responses). Not checked, only counted: answers of orgs-host itself, before any
// plugin sees the request (HOST_CODES); refusals by a host's own authenticator
// (HOST_AUTHENTICATOR_CODES); requests outside the server path. SCIM answers
// (application/scim+json) are checked for status and content type only: their bodies are the
// SCIM validator's (tests/scim).
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
// What orgs-host answers on its own (README, "The HTTP server"): not the plugin's contract.
const HOST_CODES = new Set(['malformed_request', 'request_timeout', 'uri_too_long', 'header_fields_too_large',
	'unsupported_transfer_encoding', 'too_many_connections', 'http_version_not_supported']);
// Codes of a host's own Orgs::Authenticator (PluginTest's refuses with "blocked"): a host
// authenticates its callers its own way, and no document of the plugin can list its codes.
const HOST_AUTHENTICATOR_CODES = new Set(['blocked']);
// Operations the document has and README's tables do not list yet (README.md is edited by
// hand, separately): each must be missing from README, so this list shrinks as rows are added.
const README_PENDING = new Set();

function fail(message) {
	console.error(message);
	process.exit(1);
}

function readDocument(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function operations(doc) {
	const ops = [];
	for (const [template, item] of Object.entries(doc.paths || {})) {
		for (const method of METHODS) {
			if (item[method])
				ops.push({method: method.toUpperCase(), template, op: item[method], pointer: ['paths', template, method]});
		}
	}
	return ops;
}

function pointer(parts) {
	return '#/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

// document ----------------------------------------------------------------------------------

async function checkDocument(file) {
	const doc = readDocument(file);
	if (!/^3\.1\./.test(doc.openapi || ''))
		fail(`${file}: openapi is ${doc.openapi}, expected 3.1.x`);
	// swagger-parser dereferences the argument in place: give it a copy.
	await SwaggerParser.validate(structuredClone(doc));
	const problems = [];
	const ids = new Set();
	for (const {method, template, op} of operations(doc)) {
		const where = `${method} ${template}`;
		if (!op.operationId)
			problems.push(`${where}: no operationId`);
		else if (ids.has(op.operationId))
			problems.push(`${where}: operationId ${op.operationId} used twice`);
		ids.add(op.operationId);
		for (const [status, response] of Object.entries(op.responses || {})) {
			const r = response.$ref ? resolve(doc, response.$ref) : response;
			const content = r.content || {};
			if (status === '204' || status === '304') {
				if (Object.keys(content).length)
					problems.push(`${where} ${status}: has a body`);
				continue;
			}
			if (!Object.keys(content).length)
				problems.push(`${where} ${status}: no content`);
			if (Number(status) >= 400 && !template.startsWith('/scim/')) {
				const schema = content['application/problem+json']?.schema;
				const codes = schema && problemCodes(doc, schema);
				if (!codes || !codes.length)
					problems.push(`${where} ${status}: not application/problem+json with a code enum`);
			}
		}
	}
	if (problems.length)
		fail(problems.join('\n'));
	console.log(`${file}: valid OpenAPI ${doc.openapi}, ${operations(doc).length} operations`);
}

function resolve(doc, ref) {
	let node = doc;
	for (const part of ref.replace(/^#\//, '').split('/'))
		node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	return node;
}

function problemCodes(doc, schema) {
	// The codes of a problem schema: the enum of its "code" property, possibly under allOf.
	if (schema.$ref)
		return problemCodes(doc, resolve(doc, schema.$ref));
	if (schema.properties?.code?.enum)
		return schema.properties.code.enum;
	for (const s of schema.allOf || []) {
		const codes = problemCodes(doc, s);
		if (codes)
			return codes;
	}
	return null;
}

// readme ------------------------------------------------------------------------------------

function readmeOperations(text) {
	// Rows of the tables headed "| Method and path |" (or "| route |"): the first cell lists
	// operations in code spans, "GET,PATCH,DELETE /orgs/{org}/workspaces/{ws}" (a leading /api/v1
	// is dropped), separated by " · "; ".../x" continues the cell's first path (from its segment "x" if it has one, else after its end). A pipe
	// inside a code span does not end the cell.
	const ops = new Set();
	let inTable = false;
	for (const line of text.split('\n')) {
		if (/^\|\s*(Method and path|route)\s*\|/i.test(line)) {
			inTable = true;
			continue;
		}
		if (!line.startsWith('|')) {
			inTable = false;
			continue;
		}
		if (!inTable || /^\|\s*-/.test(line))
			continue;
		const cell = firstCell(line);
		let base = null;
		for (const part of cell.split(' · ')) {
			const m = /`([A-Z,]+) ([^`\s]+)`/.exec(part);
			if (!m)
				continue;
			let p = m[2].replace(/\?.*$/, '').replace(/^\/api\/v1(?=\/)/, '');
			if (p.startsWith('...') && base) {
				const rest = p.slice(3);
				const first = rest.split('/')[1];
				const segments = base.split('/');
				const at = segments.lastIndexOf(first);
				p = (at > 0 ? segments.slice(0, at).join('/') : base) + rest;
			}
			base = base || p;
			for (const method of m[1].split(','))
				ops.add(`${method} ${p}`);
		}
	}
	return ops;
}

function firstCell(line) {
	let code = false;
	for (let i = 1; i < line.length; i++) {
		if (line[i] === '`')
			code = !code;
		else if (line[i] === '|' && !code && line[i - 1] !== '\\')
			return line.slice(1, i);
	}
	return line.slice(1);
}

function normalize(op) {
	// Placeholders are compared by position, not name ({id} and {token} alike).
	return op.replace(/\{[^}]+\}/g, '{}');
}

function checkReadme(file, readme) {
	const doc = readDocument(file);
	const documented = new Map(operations(doc).filter((o) => !o.template.startsWith('/scim/'))
		.map((o) => [normalize(`${o.method} ${o.template}`), `${o.method} ${o.template}`]));
	const listed = new Map([...readmeOperations(fs.readFileSync(readme, 'utf8'))].map((o) => [normalize(o), o]));
	const problems = [];
	for (const [key, op] of listed) {
		if (!documented.has(key))
			problems.push(`README lists ${op}, which the document does not describe`);
	}
	for (const [key, op] of documented) {
		const pending = README_PENDING.has(op);
		if (!listed.has(key) && !pending)
			problems.push(`the document describes ${op}, which README's HTTP tables do not list`);
		if (listed.has(key) && pending)
			problems.push(`README lists ${op} now: remove it from README_PENDING in tests/openapi/contract.mjs`);
	}
	if (problems.length)
		fail(problems.join('\n'));
	console.log(`README.md lists the document's ${listed.size} operations (${README_PENDING.size} pending: ` +
		`${[...README_PENDING].join(', ')})`);
}

// responses ---------------------------------------------------------------------------------

function templateRegex(template) {
	const source = template.split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
	return new RegExp('^' + source.join('/') + '$');
}

function checkResponses(file, dir) {
	const doc = readDocument(file);
	const base = new URL(doc.servers?.[0]?.url || '/', 'http://host').pathname.replace(/\/$/, '');
	const ajv = new Ajv2020({strict: false, allErrors: true});
	addFormats(ajv);
	ajv.addSchema(doc, 'openapi.json');
	const validators = new Map();
	const validator = (parts) => {
		const ref = 'openapi.json' + pointer(parts);
		if (!validators.has(ref))
			validators.set(ref, ajv.compile({$ref: ref}));
		return validators.get(ref);
	};
	// Most literal segments first: a literal beats a placeholder.
	const paths = Object.keys(doc.paths).map((t) => ({t, re: templateRegex(t),
		literal: t.split('/').filter((s) => s && !s.startsWith('{')).length})).sort((a, b) => b.literal - a.literal);

	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
	const counts = {checked: 0, outside: 0, host: 0, unrouted: 0, scim: 0};
	const used = new Map();
	const violations = [];
	for (const f of files) {
		for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
			if (!line)
				continue;
			const e = JSON.parse(line);
			const problem = check(e);
			if (problem)
				violations.push(`${e.connector}.${e.test}: ${e.method} ${e.target} -> ${e.status} ${e.content_type}: ${problem}` +
					`\n    body: ${e.body.length > 400 ? e.body.slice(0, 400) + '...' : e.body}`);
		}
	}

	function check(e) {
		const target = e.target.replace(/[?#].*$/, '');
		if (target !== base && !target.startsWith(base + '/')) {
			counts.outside++;
			return null;
		}
		let body;
		const json = /^application\/(problem\+)?json/.test(e.content_type);
		if (json) {
			try {
				body = JSON.parse(e.body);
			} catch (err) {
				return `the body is not JSON (${err.message})`;
			}
		}
		if (body?.code && (HOST_CODES.has(body.code) || (e.status === 401 && HOST_AUTHENTICATOR_CODES.has(body.code)))) {
			counts.host++;
			return null;
		}
		const rel = target.slice(base.length) || '/';
		const matches = paths.filter((p) => p.re.test(rel));
		const method = e.method.toLowerCase();
		const hit = matches.find((p) => doc.paths[p.t][method]);
		let parts;
		if (hit) {
			parts = ['paths', hit.t, method, 'responses', String(e.status)];
			const key = `${e.method} ${hit.t}`;
			used.set(key, (used.get(key) || 0) + 1);
			if (!doc.paths[hit.t][method].responses[String(e.status)]) {
				// An undecodable path is refused before routing, whatever it would have matched.
				if (!(e.status === 400 && body?.code === 'invalid_encoding'))
					return `status ${e.status} is not listed for ${key}`;
				parts = ['components', 'responses', 'InvalidEncoding'];
			}
		} else if (rel.startsWith('/scim/')) {
			// SCIM answers even unknown paths with its own error documents (tests/scim checks them).
			counts.scim++;
			return null;
		} else {
			counts.unrouted++;
			const name = e.status === 400 ? 'InvalidEncoding' : matches.length ? 'MethodNotAllowed' : 'NoRoute';
			parts = ['components', 'responses', name];
			const expected = resolve(doc, pointer(parts));
			if (!expected)
				return `no components.responses.${name}`;
		}
		counts.checked++;
		let response = resolve(doc, pointer(parts));
		while (response.$ref) {
			parts = response.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
			response = resolve(doc, response.$ref);
		}
		const content = response.content || {};
		const types = Object.keys(content);
		if (!types.length)
			return e.body.length ? `status ${e.status} has no body in the document, got ${e.body.length} bytes` : null;
		const type = e.content_type.split(';')[0].trim().toLowerCase();
		if (!types.includes(type))
			return `content type ${type || '(none)'}; the document lists ${types.join(', ')}`;
		if (!content[type].schema || !json)
			return null;
		const validate = validator([...parts, 'content', type, 'schema']);
		if (validate(body))
			return null;
		return validate.errors.slice(0, 5).map((err) => `${err.instancePath || '/'} ${err.message}` +
			(err.params?.allowedValues ? ` (${err.params.allowedValues.join(', ')})` : '') +
			(err.params?.additionalProperty ? ` (${err.params.additionalProperty})` : '')).join('; ');
	}

	const ops = operations(doc);
	const never = ops.filter((o) => !used.has(`${o.method} ${o.template}`)).map((o) => `${o.method} ${o.template}`);
	console.log(`${files.length} recording(s): ${counts.checked} answers validated (${counts.unrouted} unrouted), ` +
		`${counts.host} answered by orgs-host or a host's authenticator, ${counts.scim} unrouted SCIM and ` +
		`${counts.outside} outside ${base} not checked; ` +
		`${ops.length - never.length} of ${ops.length} operations exercised`);
	if (never.length)
		console.log(`not exercised in this run: ${never.join(', ')}`);
	if (violations.length) {
		const shown = violations.slice(0, 200);
		fail(`${violations.length} answer(s) the document does not allow:\n${shown.join('\n')}` +
			(violations.length > shown.length ? `\n... and ${violations.length - shown.length} more` : ''));
	}
}

// -------------------------------------------------------------------------------------------

const [command, ...args] = process.argv.slice(2);
try {
	if (command === 'document' && args.length === 1)
		await checkDocument(args[0]);
	else if (command === 'readme' && args.length === 2)
		checkReadme(args[0], args[1]);
	else if (command === 'responses' && args.length === 2)
		checkResponses(args[0], args[1]);
	else
		fail('usage: node contract.mjs document OPENAPI.json | readme OPENAPI.json README.md | responses OPENAPI.json DIR');
} catch (err) {
	fail(`${command}: ${err.stack || err}`);
}
