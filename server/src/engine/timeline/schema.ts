/**
 * Validation of one timeline event against schemas/timeline.schema.json: with the validator precompiled by the build
 * (generated/timeline-validate.js, used only for the schema hash it was made from), else compiled once per process on
 * first use. ajv itself is loaded only then, so the extension host does not initialise it at activation.
 */
import type { Options, ValidateFunction, ErrorObject } from 'ajv';
import { createHash } from 'node:crypto';
import timelineSchema from '../../../../schemas/timeline.schema.json';
import type { TimelineEvent } from './event';

export const TIMELINE_SCHEMA = timelineSchema as Record<string, unknown>;
export const TIMELINE_AJV_OPTIONS: Options = { allErrors: true, strict: false };

let compiled: ValidateFunction<TimelineEvent> | undefined;

/** The validator, made on first use and then reused. */
function validator(): ValidateFunction<TimelineEvent> {
  compiled ??= precompiled() ?? compile();
  return compiled;
}

function precompiled(): ValidateFunction<TimelineEvent> | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require('../generated/timeline-validate.js') as { schemaHash?: string; validate?: ValidateFunction<TimelineEvent> };
    const hash = createHash('sha256').update(JSON.stringify(TIMELINE_SCHEMA)).digest('hex');
    return generated.schemaHash === hash && typeof generated.validate === 'function' ? generated.validate : undefined;
  } catch {
    return undefined;
  }
}

function compile(): ValidateFunction<TimelineEvent> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv(TIMELINE_AJV_OPTIONS).compile<TimelineEvent>(TIMELINE_SCHEMA);
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
