import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '@/lib/providers/catalog';
import { POLICY_KEYS } from '@/lib/settings/policy/parse-policy';
import { POLICY_SHAPE, policyFields } from '@/lib/settings/policy/parse-provider-policy';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import type { ProviderForm } from '@/lib/settings/field-spec';

interface Schema {
  type?: string;
  $ref?: string;
  id?: string;
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
}

const schema = JSON.parse(fs.readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8')) as Schema;
const CHROME_TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null', 'any'];

/** Every schema node in the file, with its path. */
function* nodes(node: Schema, path: string): Generator<[string, Schema]> {
  yield [path, node];
  for (const [key, child] of Object.entries(node.properties ?? {})) yield* nodes(child, `${path}.${key}`);
  if (typeof node.additionalProperties === 'object') yield* nodes(node.additionalProperties, `${path}[*]`);
  if (node.items) yield* nodes(node.items, `${path}[]`);
}

// Chrome refuses to load an extension whose schema breaks these rules (Manifest for storage areas).
describe('public/managed_schema.json, as Chrome requires it', () => {
  it('is an object at the top, without additionalProperties', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
  });

  it('gives every schema exactly one type or a $ref, and only types Chrome knows', () => {
    for (const [path, node] of nodes(schema, '$')) {
      expect(Number('type' in node) + Number('$ref' in node), path).toBe(1);
      if (node.type) expect(CHROME_TYPES, path).toContain(node.type);
    }
  });

  it('gives every key a title and a description for the administrator', () => {
    for (const [path, node] of nodes(schema, '$'))
      if (path !== '$' && !path.endsWith('[]')) {
        expect(node.title, path).toBeTruthy();
        expect(node.description, path).toBeTruthy();
      }
  });
});

describe('the schema and the code declare the same policy', () => {
  it('has exactly the keys omni-ai parses', () => {
    expect(Object.keys(schema.properties!).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('has, for each provider, exactly the fields of its form that are not secrets, with their labels and types', () => {
    const providers = schema.properties!.providers!.properties!;
    expect(Object.keys(providers)).toEqual([...PROVIDER_IDS]);
    for (const id of PROVIDER_IDS) {
      const fields = policyFields(PROVIDER_FORMS[id] as ProviderForm<unknown>);
      const expected = Object.fromEntries(
        fields.map((f) => [
          f.key,
          POLICY_SHAPE[f.kind] === 'string list'
            ? { title: f.label, type: 'array', items: { type: 'string' } }
            : { title: f.label, type: POLICY_SHAPE[f.kind] === 'number' ? 'number' : POLICY_SHAPE[f.kind] === 'boolean' ? 'boolean' : 'string' },
        ]),
      );
      const declared = Object.fromEntries(
        Object.entries(providers[id]!.properties!).map(([key, { title, type, items }]) => [key, items ? { title, type, items } : { title, type }]),
      );
      // A field added to a form needs its entry here: this says which one, and how it should look.
      expect(declared, `providers.${id} in public/managed_schema.json`).toEqual(expected);
    }
  });
});
