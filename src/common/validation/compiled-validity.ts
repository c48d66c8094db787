import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';

/** The compiled check, and the properties the class declares (anything else is an unknown field). */
export type Check = ((object: Record<string, unknown>) => boolean) & { known: ReadonlySet<string> };

/**
 * A fast yes/no check built once from a flat DTO's own class-validator metadata, calling the very
 * constraint functions class-validator would. validateSync looks the metadata up again for every
 * object (~15 µs an event); this costs ~1 µs. Only a "no" goes on to validateSync, which then
 * words the problems, so messages never differ.
 */
export function compileValidity(cls: new () => object): Check {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const known = new Set(metadatas.map((m) => m.propertyName));
  const byProperty = storage.groupByPropertyName(metadatas);
  const properties = Object.entries(byProperty).map(([property, metas]) => {
    const unsupported = metas.find(
      (m) =>
        ![ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST].includes(m.type) ||
        m.each || m.validateIf || (m.groups?.length ?? 0) > 0,
    );
    if (unsupported) throw new Error(`compileValidity: ${cls.name}.${property} uses ${unsupported.type}, which is not compiled`);
    const conditions = metas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.constraints[0]);
    const constraints = metas
      .filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION)
      .flatMap((m) =>
        storage.getTargetValidatorConstraints(m.constraintCls).map((c) => {
          if (c.async) throw new Error(`compileValidity: ${cls.name}.${property} has an async constraint`);
          // One arguments object per constraint, refilled per call (checks are synchronous): no garbage per event.
          const args: ValidationArguments = { targetName: cls.name, property, object: {}, value: undefined, constraints: m.constraints };
          return { instance: c.instance, args };
        }),
      );
    return { property, conditions, constraints };
  });

  const check = (object: Record<string, unknown>) => {
    for (const key in object) if (!known.has(key)) return false;
    for (const { property, conditions, constraints } of properties) {
      const value = object[property];
      if (!allHold(conditions, object, value)) continue;
      for (const { instance, args } of constraints) {
        args.object = object;
        args.value = value;
        if (instance.validate(value, args) !== true) return false;
      }
    }
    return true;
  };
  return Object.assign(check, { known: known as ReadonlySet<string> });
}

/** `every` without a closure per call: this runs for every property of every event. */
function allHold(conditions: Array<(object: object, value: unknown) => boolean>, object: object, value: unknown): boolean {
  for (const condition of conditions) if (!condition(object, value)) return false;
  return true;
}
