/** Wording taken from the incident response reference: severity definitions and status-update templates. */
import type { SEVERITIES } from '../timeline/event';

/** One of the default levels SEV1-SEV4. */
export type DefaultSeverity = (typeof SEVERITIES)[number];

/** One-line definition of each severity, for pickers and the postmortem. */
export const SEVERITY_DEFINITIONS: Readonly<Record<DefaultSeverity, { label: string; definition: string }>> = {
  SEV1: { label: 'Critical', definition: 'Core service completely unavailable to all users, or risk of permanent data loss, or security breach' },
  SEV2: { label: 'High', definition: 'Significant portion of users affected, or critical feature unavailable, or major performance degradation' },
  SEV3: { label: 'Medium', definition: 'Small subset of users affected, non-critical feature unavailable, or mild performance degradation' },
  SEV4: { label: 'Low', definition: 'No user impact, but something is wrong and needs fixing' },
};

/** The definition of a severity, or undefined for a level that is not one of the defaults (a team's own, e.g. s1). */
export function severityDefinition(severity: string): { label: string; definition: string } | undefined {
  return Object.prototype.hasOwnProperty.call(SEVERITY_DEFINITIONS, severity) ? SEVERITY_DEFINITIONS[severity as DefaultSeverity] : undefined;
}

export type StatusPhase = 'initial' | 'progress' | 'resolution';

/** Values a template can be filled with; anything missing stays as its `[placeholder]` for the writer to fill. */
export interface TemplateValues {
  symptom?: string;
  scope?: string;
  finding?: string;
  service?: string;
  /** Preformatted times, e.g. `14:40 UTC`. */
  nextUpdate?: string;
  restoreEstimate?: string;
  resolvedAt?: string;
}

/** The reference's external status-update template for `phase`, with known values filled in. */
export function statusUpdateTemplate(phase: StatusPhase, values: TemplateValues = {}): string {
  const fill = (value: string | undefined, placeholder: string): string => (value && value.trim()) || `[${placeholder}]`;
  switch (phase) {
    case 'initial':
      return `We are investigating reports of ${fill(values.symptom, 'symptom')} affecting ${fill(values.scope, 'scope')}. `
        + `Our team is actively working on this. Next update by ${fill(values.nextUpdate, 'time')}.`;
    case 'progress':
      return `Our team has identified ${fill(values.finding, 'finding')}. We are implementing a fix. `
        + `We expect to restore service by ${fill(values.restoreEstimate, 'time estimate')}. Next update by ${fill(values.nextUpdate, 'time')}.`;
    case 'resolution':
      return `The issue affecting ${fill(values.service, 'service')} has been resolved as of ${fill(values.resolvedAt, 'time')}. `
        + `[Brief description of what happened and what was done]. We will publish a post-incident review within 48-72 hours.`;
  }
}
