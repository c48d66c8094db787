import { ValidationError } from 'class-validator';
import type { ProblemDetail } from '../http/api-error';

/** Flattens class-validator errors into one { path, problem } per broken constraint. */
export function toProblems(errors: ValidationError[], prefix = ''): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  for (const e of errors) {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    for (const [kind, text] of Object.entries(e.constraints ?? {})) {
      out.push({ path, problem: kind === 'whitelistValidation' ? 'unknown field' : stripProperty(text, e.property) });
    }
    if (e.children?.length) out.push(...toProblems(e.children, path));
  }
  return out;
}

/** class-validator prefixes messages with the property name; the path already says it. */
function stripProperty(text: string, property: string): string {
  return text.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
}
