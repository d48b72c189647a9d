/** Validation of one timeline event against schemas/timeline.schema.json, compiled once per process. */
import Ajv, { type ValidateFunction, type ErrorObject } from 'ajv';
import timelineSchema from '../../../../schemas/timeline.schema.json';
import type { TimelineEvent } from './event';

let compiled: ValidateFunction<TimelineEvent> | undefined;

/** The compiled validator; the schema is compiled on first use and then reused. */
function validator(): ValidateFunction<TimelineEvent> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = ajv.compile<TimelineEvent>(timelineSchema);
  }
  return compiled;
}

/** Returns undefined when `value` is a valid timeline event, else a one-line reason. */
export function timelineEventError(value: unknown): string | undefined {
  const validate = validator();
  if (validate(value)) return undefined;
  return describeErrors(validate.errors ?? [], value);
}

/** True when `value` is a valid timeline event. */
export function isTimelineEvent(value: unknown): value is TimelineEvent {
  return validator()(value);
}

/** Turns ajv errors into one readable line, skipping the generic "must match then schema" wrappers. */
function describeErrors(errors: ErrorObject[], value: unknown): string {
  const specific = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf');
  const shown = (specific.length > 0 ? specific : errors).slice(0, 3).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1) : 'event';
    if (e.keyword === 'additionalProperties') return `unknown field "${String(e.params.additionalProperty)}"`;
    if (e.keyword === 'required') return `${where}: missing "${String(e.params.missingProperty)}"`;
    if (e.keyword === 'enum' && e.instancePath === '/kind') return `unknown kind "${String((value as { kind?: unknown }).kind)}"`;
    if (e.keyword === 'enum') return `${where} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
    if (e.keyword === 'not') return `${where}: command-result fields only belong on command-finished`;
    if (e.keyword === 'false schema') return `${where}: not a field of a ${String((value as { kind?: unknown }).kind)} event`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
  return shown.join('; ');
}
