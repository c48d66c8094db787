import { getMetadataStorage } from 'class-validator';
import type { ProblemDetail } from '../common/http/api-error';
import type { ReferenceConfig } from '../config/reference-config';
import { contactProblems, channelProblems } from '../ingestion/contact-rules';
import { conversationProblems } from '../ingestion/conversation-rules';
import { ContactEventDto } from '../ingestion/dto/contact-event.dto';
import { ConversationEventDto } from '../ingestion/dto/conversation-event.dto';
import { VolumeDto } from '../ingestion/dto/volume.dto';

export const IMPORT_KINDS = ['contacts', 'conversations', 'volumes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['csv', 'ndjson', 'amazon-connect'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type FieldType = 'integer' | 'boolean' | 'instant' | 'date' | 'text';

/**
 * What the importer needs to know of a kind: the API route and body key its batches go to, and
 * the very DTO and cross-field rules `POST /v1/<kind>` validates with (one definition, no copy).
 */
export interface KindDefinition {
  kind: ImportKind;
  path: `/v1/${ImportKind}`;
  bodyKey: 'events' | 'volumes';
  dto: new () => object;
  rules: (config: ReferenceConfig) => (item: object, path: string) => ProblemDetail[];
  /** How a spreadsheet's text converts, field by field, read from the DTO's own validators. */
  fieldTypes: ReadonlyMap<string, FieldType>;
}

function definition(
  kind: ImportKind,
  bodyKey: KindDefinition['bodyKey'],
  dto: new () => object,
  rules: KindDefinition['rules'],
): KindDefinition {
  return { kind, path: `/v1/${kind}`, bodyKey, dto, rules, fieldTypes: fieldTypesOf(dto) };
}

export const KINDS: Readonly<Record<ImportKind, KindDefinition>> = {
  contacts: definition('contacts', 'events', ContactEventDto, (config) => (item, path) => contactProblems(config, item as ContactEventDto, path)),
  conversations: definition('conversations', 'events', ConversationEventDto, (config) => (item, path) =>
    conversationProblems(config.tiers, item as ConversationEventDto, path),
  ),
  volumes: definition('volumes', 'volumes', VolumeDto, (config) => (item, path) => channelProblems(config, item as VolumeDto, path)),
};

/** A field validated by IsInt, IsBoolean or IsIn over numbers takes a number or boolean, not text; IsInstant and IsLocalDate mark times and dates. */
export function fieldTypesOf(dto: new () => object): Map<string, FieldType> {
  const types = new Map<string, FieldType>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const numericIn = m.name === 'isIn' && Array.isArray(m.constraints?.[0]) && (m.constraints[0] as unknown[]).every((v) => typeof v === 'number');
    if (m.name === 'isInt' || numericIn) types.set(m.propertyName, 'integer');
    else if (m.name === 'isBoolean') types.set(m.propertyName, 'boolean');
    else if (m.name === 'isInstant') types.set(m.propertyName, 'instant');
    else if (m.name === 'isLocalDate') types.set(m.propertyName, 'date');
    else if (!types.has(m.propertyName)) types.set(m.propertyName, 'text');
  }
  return types;
}

/** The format a file's name implies: .csv, .ndjson/.jsonl; Amazon Connect records must be asked for. */
export function formatOfFile(file: string): ImportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return undefined;
}
