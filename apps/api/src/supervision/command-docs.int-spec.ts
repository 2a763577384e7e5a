import {
  COMMAND_TYPES,
  DomainException,
  readEscalationPolicy,
  readWorkItemCommand,
  type CommandType,
} from '@duban/domain';
import { startTestApi, type TestApi } from '../testing/test-api';

interface Schema {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly example?: unknown;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  readonly discriminator?: {
    readonly propertyName: string;
    readonly mapping: Readonly<Record<string, string>>;
  };
}

interface OpenApi {
  readonly paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

/**
 * Fields the reader lets through empty but the rule (decideCommand) refuses empty: documented as
 * required, since a body without them is always refused.
 */
const REQUIRED_BY_RULE: Partial<Record<CommandType, readonly string[]>> = {
  setMilestones: ['milestones'],
  returnMilestone: ['comment'],
};

/** The field the reader names when it refuses the input; undefined when it reads it. */
function refusedField(read: () => unknown): unknown {
  try {
    read();
    return undefined;
  } catch (error) {
    if (error instanceof DomainException) return error.details['field'] ?? 'body';
    throw error;
  }
}

const sorted = (values: Iterable<string>) => [...values].sort();

/**
 * The command bodies in /api/docs-json are classes written by hand for the documentation; the
 * domain's reader is what the API obeys. These tests hold the two together.
 */
describe('OpenAPI description of the command bodies', () => {
  let api: TestApi;
  let document: OpenApi;
  let body: Schema;

  /** The schema a reference names; a property with its own description wraps it in allOf. */
  const resolve = (schema: Schema): Schema => {
    const name = (schema.$ref ?? schema.allOf?.[0]?.$ref)?.split('/').pop();
    return name === undefined ? schema : (document.components.schemas[name] ?? {});
  };
  /** A body made of each documented field's own example. */
  const exampleOf = (schema: Schema): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => property.example !== undefined)
        .map(([field, property]) => [field, property.example]),
    );
  /** Fields without which `read` refuses the example. */
  const requiredBy = (read: (input: unknown) => unknown, example: Record<string, unknown>) =>
    Object.keys(example).filter((field) => {
      const { [field]: _left, ...rest } = example;
      return field !== 'type' && refusedField(() => read(rest)) !== undefined;
    });

  beforeAll(async () => {
    api = await startTestApi('duban_command_docs');
    document = (await api.call<OpenApi>('GET', '/docs-json')).body;
    const route = document.paths['/api/plans/{id}/items/{itemId}/commands']?.['post'];
    body = route?.requestBody?.content['application/json']?.schema ?? {};
  });

  afterAll(async () => {
    await api?.close();
  });

  it('documents every command type of the domain, and no other, as its own schema told apart by type', () => {
    expect(body.discriminator?.propertyName).toBe('type');
    const mapping = body.discriminator?.mapping ?? {};
    expect(sorted(Object.keys(mapping))).toEqual(sorted(COMMAND_TYPES));
    expect(sorted((body.oneOf ?? []).map((s) => s.$ref ?? ''))).toEqual(
      sorted(Object.values(mapping)),
    );
    for (const [type, ref] of Object.entries(mapping)) {
      expect(resolve({ $ref: ref }).properties?.['type']?.enum).toEqual([type]);
    }
  });

  it.each(COMMAND_TYPES)(
    'documents %s with the fields the reader reads, required where it requires them',
    (type) => {
      const schema = resolve({ $ref: body.discriminator?.mapping[type] ?? '' });
      const example = exampleOf(schema);
      const read = readWorkItemCommand(example);
      expect(sorted(Object.keys(read))).toEqual(sorted(Object.keys(schema.properties ?? {})));
      expect(sorted(schema.required ?? [])).toEqual(
        sorted([
          'type',
          ...requiredBy(readWorkItemCommand, example),
          ...(REQUIRED_BY_RULE[type] ?? []),
        ]),
      );
    },
  );

  it('documents the escalation policy of setPolicy as the policy reader reads it, with its version rule', () => {
    const setPolicy = resolve({ $ref: body.discriminator?.mapping['setPolicy'] ?? '' });
    const policyProperty = setPolicy.properties?.['policy'] ?? {};
    const policy = resolve(policyProperty);
    const example = policyProperty.example as Record<string, unknown>;
    const read = readEscalationPolicy(example);
    expect(sorted(Object.keys(read))).toEqual(sorted(Object.keys(policy.properties ?? {})));
    expect(sorted(policy.required ?? [])).toEqual(
      sorted(requiredBy(readEscalationPolicy, example)),
    );
    expect(JSON.stringify(policy.properties?.['version'])).toMatch(
      /must be above the item's current policy version/,
    );
  });
});
