/** Reads an organisation's csv or pull source on Node (files and sockets live at this edge). */
import type { OrgConfig } from '../config/schema.ts';
import type { Snapshot } from '../core/types.ts';
import { collectSnapshot, pullSource, readCsvSource } from '../sources/index.ts';

export function readSource(org: OrgConfig): Promise<Snapshot> {
  switch (org.source.kind) {
    case 'csv':
      return collectSnapshot(readCsvSource(org.source));
    case 'pull':
      return pullSource(org.source);
    case 'push':
      return Promise.reject(new Error(`${org.id} is a push organisation: its ERP sends the data`));
  }
}
