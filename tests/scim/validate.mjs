// The independent validator of SCIM responses for the Orgs tests (tests/src/support/ScimValidator.h).
//
// JSON Schemas written from RFC 7643 and RFC 7644 (schemas/*.json), run by ajv, plus the rules a
// JSON Schema cannot say (an extension object is listed in "schemas"; an error's status is the
// HTTP status; a ListResponse's itemsPerPage is the number of Resources). Nothing here is taken
// from Orgs' code.
//
// Protocol: one JSON request per line on stdin, one JSON answer per line on stdout.
//   {"body": "<response text>", "status": 200, "schema": "auto"|"User"|..., "partial": false}
//   -> {"ok": true, "errors": []} | {"ok": false, "errors": ["...", ...]}
// "auto" picks the schema from the body's "schemas". "partial" (a response to a request with
// attributes or excludedAttributes) lets attributes the RFC requires be absent, except id,
// schemas and meta.

import { readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, 'schemas');

const URN = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:User',
  EnterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  Group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ListResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  Error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  ServiceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  Schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  ResourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
};
const NAME_OF = Object.fromEntries(Object.entries(URN).map(([name, urn]) => [urn, name]));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const documents = {};
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
  const document = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
  documents[file.replace(/\.json$/, '')] = document;
  ajv.addSchema(document);
}
const validators = {};
for (const name of Object.keys(URN)) {
  validators[name] = ajv.getSchema(URN[name]);
}
// Partial variants: a projection may leave out what the RFC requires, but never id, schemas, meta.
for (const name of ['User', 'Group']) {
  const partial = structuredClone(documents[name]);
  partial.$id = `urn:orgs:test:scim:partial:${name}`;
  partial.required = ['schemas', 'id', 'meta'];
  validators[`${name}#partial`] = ajv.compile(partial);
}

function describe(errors, where) {
  return (errors || []).map((e) => {
    const path = `${where}${e.instancePath || ''}`;
    const extra = e.params && e.params.additionalProperty ? ` "${e.params.additionalProperty}"` : '';
    return `${path || '/'}: ${e.message}${extra}`;
  });
}

function checkResource(name, body, where, partial, errors) {
  const key = partial && validators[`${name}#partial`] ? `${name}#partial` : name;
  const validate = validators[key];
  if (!validate(body)) errors.push(...describe(validate.errors, where));
  if (name !== 'User' && name !== 'Group') return;
  // Every extension object is named in "schemas", and every extension named has its object.
  const listed = Array.isArray(body.schemas) ? body.schemas : [];
  for (const key of Object.keys(body)) {
    if (!key.startsWith('urn:')) continue;
    if (!listed.includes(key)) errors.push(`${where}/${key}: an extension object whose URN is not in "schemas"`);
    if (key === URN.EnterpriseUser && name === 'User') {
      const v = validators.EnterpriseUser;
      if (!v(body[key])) errors.push(...describe(v.errors, `${where}/${key}`));
    } else {
      errors.push(`${where}/${key}: an extension this service provider does not declare`);
    }
  }
  for (const urn of listed) {
    if (urn !== URN[name] && !(urn in body)) errors.push(`${where}/schemas: lists ${urn} without its object`);
  }
}

function pick(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const listed = Array.isArray(body.schemas) ? body.schemas : [];
  for (const name of ['ListResponse', 'Error', 'ServiceProviderConfig', 'Schema', 'ResourceType', 'User', 'Group']) {
    if (listed.includes(URN[name])) return name;
  }
  return null;
}

function check(request) {
  const errors = [];
  let body;
  try {
    body = JSON.parse(request.body);
  } catch (e) {
    return [`the body is not JSON: ${e.message}`];
  }
  const partial = request.partial === true;
  const name = !request.schema || request.schema === 'auto' ? pick(body) : request.schema;
  if (!name || !validators[name]) {
    return [`the body names no SCIM schema this validator knows ("schemas": ${JSON.stringify(body && body.schemas)})`];
  }
  if (name === 'ListResponse') {
    const v = validators.ListResponse;
    if (!v(body)) errors.push(...describe(v.errors, ''));
    const resources = Array.isArray(body.Resources) ? body.Resources : [];
    if (Number.isInteger(body.itemsPerPage) && body.itemsPerPage !== resources.length) {
      errors.push(`/itemsPerPage: ${body.itemsPerPage}, but Resources holds ${resources.length}`);
    }
    if (Number.isInteger(body.totalResults) && resources.length > body.totalResults) {
      errors.push(`/Resources: ${resources.length} resources, more than totalResults ${body.totalResults}`);
    }
    resources.forEach((resource, i) => {
      const inner = pick(resource);
      if (!inner || inner === 'ListResponse' || inner === 'Error') {
        errors.push(`/Resources/${i}: names no resource schema`);
      } else {
        checkResource(inner, resource, `/Resources/${i}`, partial, errors);
      }
    });
    return errors;
  }
  if (name === 'Error') {
    const v = validators.Error;
    if (!v(body)) errors.push(...describe(v.errors, ''));
    if (Number.isInteger(request.status) && body.status !== String(request.status)) {
      errors.push(`/status: "${body.status}" but the HTTP status is ${request.status}`);
    }
    if (Number.isInteger(request.status) && request.status < 400) {
      errors.push(`an Error document with HTTP status ${request.status}`);
    }
    return errors;
  }
  if (Number.isInteger(request.status) && request.status >= 400) {
    errors.push(`HTTP status ${request.status} without an Error document`);
  }
  checkResource(name, body, '', partial, errors);
  return errors;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const errors = check(JSON.parse(line));
    answer = { ok: errors.length === 0, errors };
  } catch (e) {
    answer = { ok: false, errors: [`the validator failed: ${e.message}`] };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
