import { Ajv } from 'ajv';
import type { ArgValidator } from '../../shared/rpc/server';
import type { JsonSchema } from '../../shared/rpc/schema';

/** One ajv instance compiles every RPC argument schema of the contract. */
const ajv = new Ajv({ allErrors: true, strict: true });

export function compileArgs(schema: JsonSchema): ArgValidator {
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return null;
    return (validate.errors ?? []).map((error) => {
      const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'arguments';
      if (error.keyword === 'additionalProperties') return `${where}: unknown property "${String(error.params.additionalProperty)}"`;
      return `${where} ${error.message ?? 'is invalid'}`;
    });
  };
}
